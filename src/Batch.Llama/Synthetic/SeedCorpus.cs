namespace Batch.Llama.Synthetic;

/// <summary>A few kilobytes of plain English from which the synthetic tokenizer learns its first merges.</summary>
/// <remarks>Changing this text changes every synthetic model: bump <see cref="SyntheticModelWriter.GeneratorVersion"/>.</remarks>
internal static class SeedCorpus
{
    public const string Text = """
        The morning was cold and clear when the travellers left the village. They walked along the river,
        past the old mill and the stone bridge, and by noon they had reached the edge of the forest. The
        path was narrow there, and the trees were so tall that the light came down in thin green lines.
        Nobody spoke for a long time. Then the youngest of them, a girl of about twelve, asked whether
        they would arrive before dark. "If the weather holds," said her father, "we will be there in time
        for supper. If it does not, we will stop at the hut by the lake and wait for the rain to pass."

        A good report answers three questions: what happened, why it matters, and what should happen next.
        Write the summary first, because most readers will read nothing else. Use short sentences and
        common words. Numbers should be exact where they can be: 42 orders, 17 returns, 3 complaints, and a
        total of 1,250 dollars. Dates should be written the same way everywhere, for example 2024-03-15.
        When you are not sure about something, say so, and say what would settle the question.

        To make bread you need flour, water, salt and yeast. Mix the flour and the salt in a large bowl.
        Dissolve the yeast in warm water and pour it into the flour. Stir until the dough comes together,
        then knead it on a floured table for ten minutes, until it is smooth and elastic. Put it back in
        the bowl, cover it with a cloth, and leave it in a warm place for an hour. When it has doubled in
        size, shape it into a loaf, let it rise again, and bake it in a hot oven for forty minutes.

        The committee met on Tuesday to discuss the new schedule. Several members argued that the change
        would help students who work in the evening; others worried about the cost of keeping the library
        open later. After a long discussion they agreed to try the plan for one term and then review the
        results. The chair thanked everyone for their patience and promised to share the minutes by Friday.

        Computers store everything as numbers. A letter is a number, a colour is a few numbers, and a
        sound is a long list of numbers measured many thousands of times each second. Programs are numbers
        too: instructions that tell the machine which numbers to read, how to combine them, and where to
        write the result. Everything else, from the simplest calculator to the largest network, is built
        from these small steps, repeated very quickly and very many times.

        In the spring the garden changes every day. The first green shoots appear through the dark soil,
        the buds on the apple tree open into white and pink flowers, and the birds return to build their
        nests under the roof. By summer the vegetables are ready: beans and peas, tomatoes and peppers,
        lettuce, carrots and potatoes. In autumn the leaves turn yellow and red and fall, and in winter
        the garden rests under frost and snow, waiting for the light to come back.

        Customer feedback, week twelve. The delivery was late but the driver was very polite. The product
        works well, although the instructions could be clearer. I would like to change my address for the
        next order. Why was I charged twice? Please call me back as soon as possible. Excellent service,
        thank you! The package arrived damaged and one of the glasses was broken. Can I return an item
        after thirty days? Great value for the price; I have already recommended it to my friends.

        She opened the letter slowly. It was short, only a few lines, written in a careful hand that she
        recognised at once. "I am sorry I could not come," it said. "I think of you often, and I hope that
        you are well, and that the house is still standing, and that the cat still sleeps on the chair by
        the window. I will write again when I know more. Until then, look after yourself, and do not worry
        about me." She read it twice, folded it, and put it in the drawer with the others.

        Water boils at one hundred degrees at sea level, but at lower temperatures on high mountains,
        where the air pressure is lower. This is why cooking takes longer there. The same idea explains why
        a pressure cooker works: by raising the pressure it raises the boiling point, and the food cooks
        faster at the higher temperature. Scientists describe these relations with simple equations, and
        engineers use the equations to design engines, refrigerators and power stations.

        The history of the town is written in its streets. The oldest part, near the harbour, has narrow
        lanes that follow the lines of medieval walls. The market square was built when trade grew, and the
        wide avenues with their rows of trees came later, when the railway arrived and the population more
        than doubled in twenty years. Today most people live in the new districts on the hills, and the old
        centre is full of shops, restaurants, museums and visitors from all over the world.
        """;
}
