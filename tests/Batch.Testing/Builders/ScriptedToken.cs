namespace Batch.Testing.Builders;

/// <summary>What a script answers for one sample: a token, and whether it ends generation.</summary>
public readonly record struct ScriptedToken(int Token, bool IsEndOfGeneration = false);
