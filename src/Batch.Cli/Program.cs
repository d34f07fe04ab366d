using System.CommandLine;
using Batch.Cli.Commands;
using Batch.Cli.Running;

var models = new ModelResolver(ModelResolver.DefaultCacheDirectory());
var root = new RootCommand("Batch: run LLMs over files, offline, on local GGUF models")
{
    RunCommand.Create(models),
    ValidateCommand.Create(),
    PlanCommand.Create(models),
    ModelCommand.Create(models),
    BenchCommand.Create(models),
};
// The run command handles SIGINT/SIGTERM itself (drain, checkpoint, exit 130).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
