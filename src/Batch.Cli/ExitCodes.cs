namespace Batch.Cli;

/// <summary>The process exit codes README documents.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Fatal = 1;
    public const int InvalidJob = 2;
    public const int FinishedWithFailedRows = 3;
    public const int Interrupted = 130;
}
