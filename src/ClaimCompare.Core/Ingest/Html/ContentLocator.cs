using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ClaimCompare.Core.Ingest;

/// <summary>Finds the element (or run of sibling elements) that holds a page's article.</summary>
/// <remarks>
/// Each element's weight is the number of non-space characters of text it holds outside links and outside the
/// furniture <see cref="PageCleaner"/> marked. From the body, the search descends into the heaviest child container
/// while it holds at least <see cref="HtmlArticleExtractor.DescentShare"/> of its parent's weight: navigation and link
/// lists weigh nothing, so the search ends at the deepest container of most of the prose. Siblings of that element
/// with the same tag and a class word in common continue it (a body split into blocks around ads).
/// </remarks>
internal static class ContentLocator
{
    private static readonly HashSet<string> Containers = new(StringComparer.OrdinalIgnoreCase)
    {
        "body", "div", "section", "article", "main", "table", "tbody", "thead", "tr", "td", "th", "center", "form", "header", "font", "details",
    };

    public static List<IElement> Locate(IHtmlDocument document, PageCleaner cleaner)
    {
        var body = document.Body;
        if (body is null)
        {
            return [];
        }

        var weights = Weigh(body, cleaner.Skipped);
        IElement current = body;
        while (true)
        {
            IElement? best = null;
            var bestWeight = 0;
            foreach (var node in current.ChildNodes)
            {
                if (node is IElement child && weights.TryGetValue(child, out var w) && w > bestWeight)
                {
                    best = child;
                    bestWeight = w;
                }
            }

            if (best is null || !Containers.Contains(best.LocalName) || bestWeight < HtmlArticleExtractor.DescentShare * weights[current])
            {
                break;
            }

            current = best;
        }

        if (weights.GetValueOrDefault(current) == 0)
        {
            return [];
        }

        return WithContinuations(current, weights);
    }

    private static List<IElement> WithContinuations(IElement root, Dictionary<IElement, int> weights)
    {
        var parent = root.ParentElement;
        var classes = root.ClassList;
        if (parent is null || root.LocalName is "body" || classes.Length == 0)
        {
            return [root];
        }

        var roots = new List<IElement>();
        foreach (var node in parent.ChildNodes)
        {
            if (node is not IElement sibling)
            {
                continue;
            }

            if (ReferenceEquals(sibling, root))
            {
                roots.Add(root);
            }
            else if (weights.GetValueOrDefault(sibling) > 0
                && string.Equals(sibling.LocalName, root.LocalName, StringComparison.OrdinalIgnoreCase)
                && SharesClass(sibling, classes))
            {
                roots.Add(sibling);
            }
        }

        return roots;
    }

    private static bool SharesClass(IElement element, ITokenList classes)
    {
        foreach (var name in element.ClassList)
        {
            if (classes.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Non-space characters of unlinked text under each element that is not skipped (post-order, iterative).</summary>
    internal static Dictionary<IElement, int> Weigh(IElement root, IReadOnlySet<IElement> skipped)
    {
        var weights = new Dictionary<IElement, int>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Frame>();
        stack.Push(new Frame(root, root.LocalName is "a"));
        while (stack.Count > 0)
        {
            var frame = stack.Peek();
            var children = frame.Element.ChildNodes;
            if (frame.Next < children.Length)
            {
                var child = children[frame.Next++];
                if (child is IElement element)
                {
                    if (!skipped.Contains(element))
                    {
                        stack.Push(new Frame(element, frame.InLink || element.LocalName is "a"));
                    }
                }
                else if (child.NodeType == NodeType.Text && !frame.InLink)
                {
                    frame.Sum += CountNonSpace(child.TextContent);
                }

                continue;
            }

            stack.Pop();
            weights[frame.Element] = frame.Sum;
            if (stack.Count > 0)
            {
                stack.Peek().Sum += frame.Sum;
            }
        }

        return weights;
    }

    private static int CountNonSpace(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    private sealed class Frame(IElement element, bool inLink)
    {
        public IElement Element { get; } = element;

        public bool InLink { get; } = inLink;

        public int Next { get; set; }

        public int Sum { get; set; }
    }
}
