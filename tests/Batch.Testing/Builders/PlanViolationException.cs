namespace Batch.Testing.Builders;

/// <summary>A step plan broke an invariant a real decoder relies on.</summary>
public sealed class PlanViolationException(string message) : Exception(message);
