namespace Batch.Llama.Gguf;

/// <summary>Names a chat template's family the way llama.cpp's built-in template detection does (a subset of it).</summary>
public static class ChatTemplateFamily
{
    /// <summary>The family name llama_chat_apply_template accepts ("chatml", "llama2", "llama3", …), "unknown", or null without a template.</summary>
    public static string? Detect(string? template)
    {
        if (string.IsNullOrEmpty(template))
        {
            return null;
        }

        bool Has(string text) => template.Contains(text, StringComparison.Ordinal);

        // Order matters and follows llama.cpp's llm_chat_detect_template: earlier checks shadow later ones.
        if (Has("<|im_start|>"))
        {
            return Has("<|im_sep|>") ? "phi4" : Has("<end_of_utterance>") ? "smolvlm" : "chatml";
        }

        if (template.StartsWith("mistral", StringComparison.Ordinal) || Has("[INST]"))
        {
            return DetectMistralOrLlama2(Has);
        }

        return DetectOther(Has);
    }

    private static string DetectOther(Func<string, bool> has)
    {
        (Func<bool> Matches, Func<string> Family)[] rules =
        [
            (() => has("<|assistant|>") && has("<|end|>"), () => "phi3"),
            (() => has("[gMASK]<sop>"), () => "chatglm4"),
            (() => has("<|assistant|>") && has("<|user|>"), () => has("</s>") ? "falcon3" : "glmedge"),
            (() => has("<|user|>") && has("<|endoftext|>"), () => "zephyr"),
            (() => has("bos_token + message['role']"), () => "monarch"),
            (() => has("<start_of_turn>"), () => "gemma"),
            (() => has("GPT4 Correct "), () => "openchat"),
            (() => has("USER: ") && has("ASSISTANT: "), () => has("SYSTEM: ") ? "vicuna-orca" : "vicuna"),
            (() => has("### Instruction:") && has("<|EOT|>"), () => "deepseek"),
            (() => has("<|START_OF_TURN_TOKEN|>") && has("<|USER_TOKEN|>"), () => "command-r"),
            (() => has("<|start_header_id|>") && has("<|end_header_id|>"), () => "llama3"),
            (() => has("<|header_start|>") && has("<|header_end|>"), () => "llama4"),
            (() => has("<|start_of_role|>"), () => "granite"),
            (() => has("<|channel|>"), () => "gpt-oss"),
        ];
        foreach (var (matches, family) in rules)
        {
            if (matches())
            {
                return family();
            }
        }

        return "unknown";
    }

    private static string DetectMistralOrLlama2(Func<string, bool> has)
    {
        if (has("[SYSTEM_PROMPT]"))
        {
            return "mistral-v7";
        }

        if (has("' [INST] ' + system_message") || has("[AVAILABLE_TOOLS]"))
        {
            return has(" [INST]") ? "mistral-v1" : has("\"[INST]\"") ? "mistral-v3-tekken" : "mistral-v3";
        }

        return has("content.strip()") ? "llama2-sys-strip"
            : has("bos_token + '[INST]") ? "llama2-sys-bos"
            : has("<<SYS>>") ? "llama2-sys"
            : "llama2";
    }
}
