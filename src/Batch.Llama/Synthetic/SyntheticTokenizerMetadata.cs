using Batch.Llama.Gguf;

namespace Batch.Llama.Synthetic;

/// <summary>The tokenizer.* keys of a synthetic model: gpt2-style byte-level BPE with ChatML control tokens.</summary>
public static class SyntheticTokenizerMetadata
{
    /// <summary>The standard ChatML template; llama.cpp recognises it as the "chatml" family.</summary>
    public const string ChatMlTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
        + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>Adds the vocabulary, merges, special ids and chat template.</summary>
    public static void AddTo(GgufWriter writer, ByteLevelBpeVocabulary vocabulary)
    {
        writer.Add("tokenizer.ggml.model", GgufValue.String("gpt2"));
        writer.Add("tokenizer.ggml.pre", GgufValue.String("gpt-2"));
        writer.Add("tokenizer.ggml.tokens", GgufValue.StringArray(vocabulary.Tokens));
        writer.Add("tokenizer.ggml.token_type", GgufValue.Int32Array(vocabulary.TokenTypes));
        writer.Add("tokenizer.ggml.merges", GgufValue.StringArray(vocabulary.Merges));
        writer.Add("tokenizer.ggml.bos_token_id", GgufValue.UInt32((uint)vocabulary.EndOfTextId));
        writer.Add("tokenizer.ggml.eos_token_id", GgufValue.UInt32((uint)vocabulary.EndOfTextId));
        writer.Add("tokenizer.ggml.eot_token_id", GgufValue.UInt32((uint)vocabulary.ImEndId));
        writer.Add("tokenizer.ggml.add_bos_token", GgufValue.Bool(true));
        writer.Add("tokenizer.ggml.add_eos_token", GgufValue.Bool(false));
        writer.Add("tokenizer.chat_template", GgufValue.String(ChatMlTemplate));
    }
}
