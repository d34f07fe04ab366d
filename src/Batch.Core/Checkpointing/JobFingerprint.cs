namespace Batch.Core.Checkpointing;

/// <summary>
/// What a job's results depend on. A resume with a different fingerprint would mix outputs of
/// two different jobs, so it is refused with the list of what changed.
/// </summary>
/// <param name="Model">Model file identity: size and a hash of its header and samples.</param>
/// <param name="Prompt">System text and template.</param>
/// <param name="Settings">Generation and input settings as <c>key=value</c> pairs.</param>
/// <param name="Inputs">Each input file as <c>path size mtime</c>.</param>
public sealed record JobFingerprint(string Model, string Prompt, IReadOnlyList<string> Settings, IReadOnlyList<string> Inputs)
{
    /// <summary>Human-readable differences from an earlier fingerprint; empty when the same.</summary>
    public IReadOnlyList<string> DifferencesFrom(JobFingerprint earlier)
    {
        var changes = new List<string>();
        if (Model != earlier.Model) changes.Add($"the model changed (was {earlier.Model}, now {Model})");
        if (Prompt != earlier.Prompt) changes.Add("the prompt (system text or template) changed");
        foreach (var setting in Settings.Except(earlier.Settings))
        {
            var key = setting.Split('=')[0];
            var was = earlier.Settings.FirstOrDefault(s => s.StartsWith(key + "=", StringComparison.Ordinal));
            changes.Add(was is null ? $"setting {setting} is new" : $"setting {key} changed ({was} → {setting})");
        }
        foreach (var gone in earlier.Settings.Where(s => !Settings.Any(n => n.Split('=')[0] == s.Split('=')[0])))
            changes.Add($"setting {gone} was removed");
        foreach (var input in Inputs.Except(earlier.Inputs)) changes.Add($"input {input} is new or changed");
        foreach (var input in earlier.Inputs.Except(Inputs)) changes.Add($"input {input} is gone or changed");
        return changes;
    }
}
