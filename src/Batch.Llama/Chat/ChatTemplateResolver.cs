using Batch.Llama.Gguf;

namespace Batch.Llama.Chat;

/// <summary>Resolves a job's <c>model.chat_template</c> against the model's GGUF header, before any weights load.</summary>
public static class ChatTemplateResolver
{
    public const string Auto = "auto";
    public const string None = "none";

    /// <summary><c>auto</c>: the GGUF's <c>tokenizer.chat_template</c>, if llama.cpp recognises it; <c>none</c>; or a family name.</summary>
    public static ChatTemplateChoice Resolve(string setting, string modelPath)
    {
        if (setting == None)
            return new ChatTemplateChoice(null, "model.chat_template: none", "model.chat_template is none; set it to auto or a family name");
        if (setting != Auto)
        {
            return LlamaChatFormatter.IsSupported(setting)
                ? new ChatTemplateChoice(setting, $"model.chat_template: {setting}", null)
                : new ChatTemplateChoice(null, $"model.chat_template: {setting}",
                    $"model.chat_template '{setting}' is not a llama.cpp template family; {FamiliesHint()}");
        }
        if (!GgufReader.TryRead(modelPath, out var metadata, out var error))
            return new ChatTemplateChoice(null, "the model", error);
        var template = metadata.GetString("tokenizer.chat_template");
        if (string.IsNullOrEmpty(template))
            return new ChatTemplateChoice(null, "the model", $"the model has no chat template (tokenizer.chat_template); {FamiliesHint()}");
        var family = ChatTemplateFamily.Detect(template);
        return LlamaChatFormatter.IsSupported(template)
            ? new ChatTemplateChoice(template, $"the model's {family} template", null)
            : new ChatTemplateChoice(null, "the model",
                $"the model's chat template is not one llama.cpp recognises (it has no Jinja engine); {FamiliesHint()}");
    }

    /// <summary>"set model.chat_template to one of: chatml, gemma, …".</summary>
    public static string FamiliesHint() =>
        $"set model.chat_template to the family the model was trained with, one of: {string.Join(", ", LlamaChatFormatter.BuiltinFamilies())}";
}
