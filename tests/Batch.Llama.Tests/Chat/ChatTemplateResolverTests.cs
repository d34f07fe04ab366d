using Batch.Llama.Chat;
using Batch.Llama.Synthetic;
using Batch.Testing;

namespace Batch.Llama.Tests.Chat;

public sealed class ChatTemplateResolverTests
{
    [Fact]
    public void Resolve_Auto_TakesTheModelsRecognisedTemplate()
    {
        var choice = ChatTemplateResolver.Resolve("auto", TinyModel.Path);

        Assert.Equal((SyntheticTokenizerMetadata.ChatMlTemplate, "the model's chatml template", null), (choice.Template, choice.Source, choice.Problem));
    }

    [Fact]
    public void Resolve_AutoWithAnUnrecognisedTemplate_HasNoTemplate_AndNamesTheFamilies()
    {
        var choice = ChatTemplateResolver.Resolve("auto", TinyChatModels.WithChatTemplate(TinyChatModels.Unrecognised));

        Assert.False(choice.IsAvailable);
        Assert.StartsWith("the model's chat template is not one llama.cpp recognises", choice.Problem);
        Assert.Contains("set model.chat_template to", choice.Problem);
        Assert.Contains("chatml", choice.Problem);
        Assert.Contains("llama3", choice.Problem);
    }

    [Fact]
    public void Resolve_Family_OverridesTheModelsTemplate()
    {
        var choice = ChatTemplateResolver.Resolve("chatml", TinyChatModels.WithChatTemplate(TinyChatModels.Unrecognised));

        Assert.Equal(("chatml", null), (choice.Template, choice.Problem));
    }

    [Fact]
    public void Resolve_None_HasNoTemplate() =>
        Assert.Equal("model.chat_template is none; set it to auto or a family name", ChatTemplateResolver.Resolve("none", TinyModel.Path).Problem);
}
