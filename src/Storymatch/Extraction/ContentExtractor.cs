using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;

namespace Storymatch.Extraction;

/// <summary>What a text block is, for output and scoring.</summary>
internal enum BlockKind : byte
{
    Paragraph,
    Heading,
    ListItem,
    Quote,
    Preformatted,
    Caption,
    Cell,
    Other,
}

/// <summary>
/// Finds the main text of a page. The DOM is read once, iteratively (no recursion, so nesting depth cannot
/// overflow the stack), into a flat list of text blocks (the inline text of each block-level element) and a
/// pre-order list of elements with their text and link totals. Elements whose class/id say furniture or
/// appendix are pruned; the remaining paragraphs score their ancestors (text length, commas, link density,
/// class cues); the best container and its qualifying siblings are kept, and their blocks are filtered once more.
/// </summary>
internal sealed partial class ContentExtractor
{
    private const int MinScoredBlockChars = 25;

    private const int PageStartChars = 6000;

    private static readonly FrozenSet<string> SkippedTags = FrozenSet.ToFrozenSet(
    [
        "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "MATH", "CANVAS", "IFRAME", "OBJECT", "EMBED", "VIDEO", "AUDIO",
        "BUTTON", "SELECT", "OPTION", "INPUT", "TEXTAREA", "HEAD", "LINK", "META", "IMG", "PICTURE", "SOURCE", "MAP",
        "DIALOG", "LABEL",

        // Ruby annotations (furigana, pinyin) are readings of the text beside them, not more text.
        "RT", "RP",
    ], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> BlockTags = FrozenSet.ToFrozenSet(
    [
        "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "CENTER", "DD", "DETAILS", "DIR", "DIV", "DL", "DT", "FIELDSET",
        "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HGROUP", "HR", "HTML", "LI",
        "MAIN", "MENU", "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "THEAD", "TFOOT", "TR", "TD", "TH",
        "UL", "CAPTION", "LEGEND",
    ], StringComparer.OrdinalIgnoreCase);

    private readonly List<Node> _nodes = [];
    private readonly List<Block> _blocks = [];
    private readonly Dictionary<string, Cue> _cueCache = new(StringComparer.Ordinal);
    private int _totalProse;

    private ContentExtractor()
    {
    }

    /// <summary>Main text of <paramref name="document"/>: paragraphs separated by blank lines.</summary>
    /// <param name="document">The parsed page.</param>
    /// <param name="title">The page's title, when known: a heading that repeats it is not body text.</param>
    /// <param name="bodyHint">JSON-LD articleBody, when the page has one: the container that holds it wins.</param>
    /// <param name="pageStart">The first few thousand characters of all the page's text, furniture included (where dates hide).</param>
    public static string Extract(IDocument document, string? title, string? bodyHint, out string pageStart)
    {
        var extractor = new ContentExtractor();
        IElement? root = document.Body ?? document.DocumentElement;
        pageStart = "";
        if (root is null)
        {
            return "";
        }

        extractor.Read(root);
        pageStart = extractor.PageStart(PageStartChars);
        extractor.Prune();
        return extractor.Select(title, bodyHint);
    }

    private string PageStart(int maxChars)
    {
        var sb = new StringBuilder();
        foreach (Block b in _blocks)
        {
            if (sb.Length >= maxChars)
            {
                break;
            }

            sb.Append(b.Text).Append('\n');
        }

        return sb.ToString();
    }

    // ---- Reading the DOM -------------------------------------------------------------------------------------

    private void Read(IElement root)
    {
        var stack = new Stack<(INode Node, int Parent, bool Exit)>();
        var open = new List<OpenBlock>();
        stack.Push((root, -1, false));
        int linkDepth = 0;
        while (stack.Count > 0)
        {
            (INode node, int parent, bool exit) = stack.Pop();
            if (exit)
            {
                var element = (IElement)node;
                int index = parent;
                if (element.LocalName is "a")
                {
                    linkDepth--;
                }

                if (_nodes[index].IsBlock)
                {
                    Flush(open[^1]);
                    open.RemoveAt(open.Count - 1);
                }

                continue;
            }

            if (node is IText text)
            {
                if (open.Count > 0)
                {
                    open[^1].Append(text.Data, linkDepth > 0);
                }

                continue;
            }

            if (node is not IElement el)
            {
                continue;
            }

            string tag = el.LocalName;
            if (tag is "br")
            {
                if (open.Count > 0)
                {
                    open[^1].LineBreak();
                }

                continue;
            }

            if (SkippedTags.Contains(tag))
            {
                continue;
            }

            // One pass over the attributes: class, id, role and itemprop for cues; hidden, aria-hidden and style for visibility.
            string? className = null, id = null, role = null, itemProp = null;
            bool hidden = false;
            foreach (IAttr attr in el.Attributes)
            {
                switch (attr.Name)
                {
                    case "class": className = attr.Value; break;
                    case "id": id = attr.Value; break;
                    case "role": role = attr.Value; break;
                    case "itemprop": itemProp = attr.Value; break;
                    case "hidden": hidden = true; break;
                    case "aria-hidden": hidden |= attr.Value.Equals("true", StringComparison.OrdinalIgnoreCase); break;
                    case "style": hidden |= IsHiddenStyle(attr.Value); break;
                    default: break;
                }
            }

            if (hidden)
            {
                continue;
            }

            bool isBlock = BlockTags.Contains(tag);
            int depth = parent < 0 ? 0 : _nodes[parent].Depth + 1;
            var info = new Node(el, parent, depth, isBlock, KindOf(tag, parent));
            info.Cue = (role is null && itemProp is null ? Cue.None : ClassCues.Classify(null, null, role, itemProp))
                | CachedCue(className) | CachedCue(id);
            int me = _nodes.Count;
            _nodes.Add(info);
            if (isBlock)
            {
                if (open.Count > 0)
                {
                    Flush(open[^1]);
                }

                open.Add(new OpenBlock(me));
            }

            if (tag is "a")
            {
                linkDepth++;
            }

            stack.Push((el, me, true));

            // Indexing, not PreviousSibling: AngleSharp finds a sibling by searching the parent's child list.
            INodeList children = el.ChildNodes;
            for (int i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], me, false));
            }
        }

        foreach (OpenBlock b in open)
        {
            Flush(b);
        }
    }

    /// <summary>Pages repeat the same class lists thousands of times; each distinct one is classified once.</summary>
    private Cue CachedCue(string? classOrId)
    {
        if (string.IsNullOrEmpty(classOrId))
        {
            return Cue.None;
        }

        if (!_cueCache.TryGetValue(classOrId, out Cue cue))
        {
            cue = ClassCues.Classify(classOrId, null, null, null);
            _cueCache[classOrId] = cue;
        }

        return cue;
    }

    private BlockKind KindOf(string tag, int parent) => tag switch
    {
        "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => BlockKind.Heading,
        "li" or "dd" or "dt" => BlockKind.ListItem,
        "blockquote" => BlockKind.Quote,
        "pre" => BlockKind.Preformatted,
        "figcaption" or "caption" => BlockKind.Caption,
        "td" or "th" => BlockKind.Cell,
        "p" => BlockKind.Paragraph,
        _ => parent >= 0 && _nodes[parent].Kind is BlockKind.Quote or BlockKind.Caption ? _nodes[parent].Kind : BlockKind.Other,
    };

    private static bool IsHiddenStyle(string style) =>
        style.Length < 2000 && ContainsNoSpace(style, "display:none", "visibility:hidden");

    private static bool ContainsNoSpace(string style, string a, string b)
    {
        Span<char> squeezed = stackalloc char[style.Length];
        int n = 0;
        foreach (char c in style)
        {
            if (!char.IsWhiteSpace(c))
            {
                squeezed[n++] = char.ToLowerInvariant(c);
            }
        }

        return squeezed[..n].IndexOf(a, StringComparison.Ordinal) >= 0 || squeezed[..n].IndexOf(b, StringComparison.Ordinal) >= 0;
    }

    private void Flush(OpenBlock open)
    {
        if (!open.HasText)
        {
            open.Reset();
            return;
        }

        string text = open.Take(out int linkChars, out int letters);
        if (letters == 0)
        {
            return;
        }

        Node owner = _nodes[open.Owner];
        _blocks.Add(new Block(open.Owner, text, letters, linkChars, owner.Kind));
        owner.TextChars += letters;
        owner.LinkChars += linkChars;
        owner.LastText = text;
        if (letters >= 80 && linkChars < 0.3 * letters && owner.Kind is BlockKind.Paragraph or BlockKind.Other or BlockKind.Quote or BlockKind.ListItem)
        {
            owner.ProseChars += letters;
        }
    }

    // ---- Pruning ---------------------------------------------------------------------------------------------

    private void Prune()
    {
        // Totals per subtree: children come after their parent in pre-order, so a backward pass sums them up.
        for (int i = _nodes.Count - 1; i >= 0; i--)
        {
            Node n = _nodes[i];
            n.HoldsArticleBody |= (n.Cue & Cue.ArticleBody) != 0;
            if (n.Parent >= 0)
            {
                Node p = _nodes[n.Parent];
                p.SubtreeChars += n.AllChars;
                p.SubtreeLinkChars += n.AllLinkChars;
                p.SubtreeProse += n.AllProse;
                p.HoldsArticleBody |= n.HoldsArticleBody;
            }
        }

        if (_nodes.Count == 0)
        {
            return;
        }

        _totalProse = _nodes[0].AllProse;
        foreach (Node n in _nodes)
        {
            bool parentPruned = n.Parent >= 0 && _nodes[n.Parent].Pruned;
            n.Pruned = parentPruned || IsBoilerplateContainer(n);
        }
    }

    /// <summary>
    /// Furniture by tag or class/id, unless it holds the article: class names are only hints, and themes wrap
    /// whole articles in elements named "sticky-sidebar" or "modal-enabled". Prose share decides.
    /// </summary>
    private bool IsBoilerplateContainer(Node n)
    {
        string tag = n.Element.LocalName;
        if (tag is "html" or "body" or "main" or "article" || n.HoldsArticleBody)
        {
            return false;
        }

        double proseShare = _totalProse == 0 ? 0 : (double)n.AllProse / _totalProse;
        if (tag is "nav" or "aside" or "footer" or "form" or "menu" or "dialog")
        {
            return proseShare < 0.5;
        }

        if ((n.Cue & Cue.Appendix) != 0)
        {
            return (n.Cue & Cue.Content) == 0 || proseShare < 0.5;
        }

        return (n.Cue & Cue.Furniture) != 0 && proseShare < 0.3;
    }

    private static double LinkDensity(Node n) => n.AllChars == 0 ? 0 : (double)n.AllLinkChars / n.AllChars;

    // ---- Choosing the container and writing the text ---------------------------------------------------------

    private string Select(string? title, string? bodyHint)
    {
        if (_blocks.Count == 0)
        {
            return "";
        }

        int top = -1;
        if (!string.IsNullOrWhiteSpace(bodyHint))
        {
            top = ContainerOfHint(bodyHint);
        }

        if (top < 0)
        {
            top = BestScoredContainer();
        }

        if (top < 0)
        {
            // Nothing long enough to score (a stub page, a fragment): everything that is not furniture.
            top = 0;
        }

        bool[] keep = KeptNodes(top);
        int keptLetters = 0;
        foreach (Block b in _blocks)
        {
            if (keep[b.Owner] && !_nodes[b.Owner].Pruned)
            {
                keptLetters += b.Letters;
            }
        }

        int written = 0;

        string? normalizedTitle = title is null ? null : Squeeze(title);
        var sb = new StringBuilder();
        foreach (Block b in _blocks)
        {
            Node owner = _nodes[b.Owner];
            if (!keep[b.Owner] || owner.Pruned)
            {
                continue;
            }

            // "About Ascom", "Über die Firma": a press release's company blurb, after the story.
            if (b.Kind is BlockKind.Heading && written >= 0.5 * keptLetters && IsAboutHeading(b.Text))
            {
                break;
            }

            written += b.Letters;
            if (!IsBodyBlock(b, normalizedTitle))
            {
                continue;
            }

            string text = b.Kind is BlockKind.Preformatted ? b.Text : BoilerplateCleaner.TrimParagraph(b.Text);
            if (text.Length == 0)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append("\n\n");
            }

            sb.Append(text);
        }

        return sb.ToString();
    }

    /// <summary>Readability-style container scores: each paragraph credits its parent fully and its grandparents less.</summary>
    private int BestScoredContainer()
    {
        var scored = new List<int>();
        foreach (Block b in _blocks)
        {
            Node owner = _nodes[b.Owner];
            if (owner.Pruned || b.Letters < MinScoredBlockChars || (double)b.LinkChars / b.Letters > 0.5)
            {
                continue;
            }

            if (owner.Kind is BlockKind.Heading or BlockKind.Caption)
            {
                continue;
            }

            double score = 1 + CountCommas(b.Text) + Math.Min(b.Letters / 100, 3);

            // A paragraph credits its parent; an element that mixes its own text with child blocks is itself the container.
            int ancestor = owner.Kind is BlockKind.Other && owner.SubtreeChars > 0 ? b.Owner : owner.Parent;
            for (int level = 0; ancestor >= 0 && level < 4; level++, ancestor = _nodes[ancestor].Parent)
            {
                Node a = _nodes[ancestor];
                if (!a.Scored)
                {
                    a.Scored = true;
                    a.Score = InitialScore(a);
                    scored.Add(ancestor);
                }

                a.Score += level switch { 0 => score, 1 => score / 2, _ => score / (level * 3) };
            }
        }

        int best = -1;
        double bestScore = double.MinValue;
        foreach (int i in scored)
        {
            Node n = _nodes[i];

            // A class name earns a small box its bonus only in proportion to the text it holds.
            double s = n.Score * (1 - LinkDensity(n)) * Math.Min(1, n.AllChars / 300.0);
            n.Score = s;
            if (s > bestScore)
            {
                bestScore = s;
                best = i;
            }
        }

        return best < 0 ? best : WidenToSplitBody(best, scored);
    }

    /// <summary>
    /// Pages that cut the body into chunks ("article__body" blocks between ads) give several containers of
    /// nearly the same score; then the article is their common ancestor.
    /// </summary>
    private int WidenToSplitBody(int best, List<int> scored)
    {
        double bar = 0.75 * _nodes[best].Score;
        int common = best;
        foreach (int i in scored)
        {
            if (i != best && _nodes[i].Score >= bar && !IsAncestor(i, best) && !IsAncestor(best, i) && !_nodes[i].Pruned)
            {
                common = CommonAncestor(common, i);
            }
        }

        return common > 0 ? common : best;
    }

    private bool IsAncestor(int ancestor, int node)
    {
        for (int i = _nodes[node].Parent; i >= 0; i = _nodes[i].Parent)
        {
            if (i == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private int CommonAncestor(int a, int b)
    {
        while (a != b)
        {
            if (_nodes[a].Depth >= _nodes[b].Depth)
            {
                a = _nodes[a].Parent;
            }
            else
            {
                b = _nodes[b].Parent;
            }
        }

        return a;
    }

    private static double InitialScore(Node n)
    {
        double s = n.Element.LocalName switch
        {
            "div" or "article" or "section" or "main" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        if ((n.Cue & Cue.ArticleBody) != 0)
        {
            s += 50;
        }
        else if ((n.Cue & Cue.Content) != 0)
        {
            s += 25;
        }

        if ((n.Cue & (Cue.Furniture | Cue.Appendix)) != 0)
        {
            s -= 25;
        }

        return s;
    }

    /// <summary>The smallest element whose blocks hold most of the text that the JSON-LD articleBody also has.</summary>
    private int ContainerOfHint(string hint)
    {
        HashSet<string> words = WordSet(hint, out int hintWords);
        if (hintWords < 30)
        {
            return -1;
        }

        double[] matched = new double[_nodes.Count];
        double total = 0;
        foreach (Block b in _blocks)
        {
            if (b.Letters < 20)
            {
                continue;
            }

            int inHint = 0, all = 0;
            foreach (string w in Words(b.Text))
            {
                all++;
                if (words.Contains(w))
                {
                    inHint++;
                }
            }

            if (all > 0 && inHint >= 0.8 * all)
            {
                matched[b.Owner] += b.Letters;
                total += b.Letters;
            }
        }

        if (total < 0.3 * hint.Length)
        {
            return -1;
        }

        for (int i = _nodes.Count - 1; i > 0; i--)
        {
            int p = _nodes[i].Parent;
            if (p >= 0)
            {
                matched[p] += matched[i];
            }
        }

        // Deepest element (last in pre-order among qualifying ones on the path) with 80 % of the matched text.
        int best = -1;
        for (int i = 0; i < _nodes.Count; i++)
        {
            if (matched[i] >= 0.8 * total && (best < 0 || _nodes[i].Depth > _nodes[best].Depth))
            {
                best = i;
            }
        }

        return best;
    }
    /// <summary>The chosen container, plus siblings that look like more of the same article.</summary>
    private bool[] KeptNodes(int top)
    {
        bool[] keep = new bool[_nodes.Count];
        Node topNode = _nodes[top];
        double threshold = Math.Max(10, topNode.Score * 0.2);
        int parent = topNode.Parent;
        var roots = new List<int> { top };
        if (parent >= 0)
        {
            for (int i = parent + 1; i < _nodes.Count && _nodes[i].Depth > _nodes[parent].Depth; i++)
            {
                Node n = _nodes[i];
                if (n.Parent != parent || i == top || n.Pruned)
                {
                    continue;
                }

                double density = LinkDensity(n);
                bool sibling = (n.Scored && n.Score >= threshold && density < 0.25)
                    || (n.Kind is BlockKind.Paragraph && n.AllChars > 80 && density < 0.25)
                    || (n.Kind is BlockKind.Paragraph && n.AllChars > 0 && density == 0 && EndsSentence(n));
                if (sibling)
                {
                    roots.Add(i);
                }
            }
        }

        // Mark the kept subtrees: pre-order means a subtree is a contiguous run of deeper nodes.
        foreach (int r in roots)
        {
            keep[r] = true;
            for (int i = r + 1; i < _nodes.Count && _nodes[i].Depth > _nodes[r].Depth; i++)
            {
                keep[i] = true;
            }
        }

        return keep;
    }

    private static bool IsAboutHeading(string text) => AboutHeadingRegex().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(
        @"^\W*(about|über|uber|à propos d[e'’]|a propos d[e'’]|acerca de|sobre|informazioni su|chi è|om|over)\s+\S.{0,50}$",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AboutHeadingRegex();

    private static bool EndsSentence(Node n) =>
        n.LastText is { Length: > 0 } t && t[^1] is '.' or '!' or '?' or '。' or '"' or '”' or '»';

    private static bool IsBodyBlock(Block b, string? title)
    {
        double linkDensity = (double)b.LinkChars / b.Letters;
        if (linkDensity > 0.5 && b.Kind is not BlockKind.Preformatted)
        {
            return false;
        }

        if (b.Kind is BlockKind.Caption)
        {
            return false;
        }

        if (b.Kind is BlockKind.Heading && title is not null && Squeeze(b.Text) == title)
        {
            return false;
        }

        return !BoilerplateCleaner.IsBoilerplateLine(b.Text);
    }


    private static int CountCommas(string text)
    {
        int n = 0;
        foreach (char c in text)
        {
            if (c is ',' or '，' or '、' or '،')
            {
                n++;
            }
        }

        return n;
    }

    private static string Squeeze(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static HashSet<string> WordSet(string text, out int count)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        count = 0;
        foreach (string w in Words(text))
        {
            set.Add(w);
            count++;
        }

        return set;
    }

    private static IEnumerable<string> Words(string text)
    {
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    private sealed class Node(IElement element, int parent, int depth, bool isBlock, BlockKind kind)
    {
        public IElement Element { get; } = element;

        public int Parent { get; } = parent;

        public int Depth { get; } = depth;

        public bool IsBlock { get; } = isBlock;

        public BlockKind Kind { get; } = kind;

        public Cue Cue { get; set; }

        /// <summary>Letters and digits in this element's own blocks; Subtree* are its descendants'.</summary>
        public int TextChars { get; set; }

        public int LinkChars { get; set; }

        public int SubtreeChars { get; set; }

        public int SubtreeLinkChars { get; set; }

        public int AllChars => TextChars + SubtreeChars;

        /// <summary>Letters in blocks that read as prose (long, few links); decides whether a hinted container may go.</summary>
        public int ProseChars { get; set; }

        public int SubtreeProse { get; set; }

        public int AllProse => ProseChars + SubtreeProse;

        public bool HoldsArticleBody { get; set; }

        public int AllLinkChars => LinkChars + SubtreeLinkChars;

        public bool Pruned { get; set; }

        /// <summary>The last block of text this element holds itself.</summary>
        public string? LastText { get; set; }


        public bool Scored { get; set; }

        public double Score { get; set; }
    }

    private readonly record struct Block(int Owner, string Text, int Letters, int LinkChars, BlockKind Kind);

    /// <summary>The inline text being gathered for a block-level element, with whitespace collapsed.</summary>
    private sealed class OpenBlock(int owner)
    {
        private readonly StringBuilder _text = new();
        private int _linkChars;
        private int _letters;
        private bool _pendingSpace;

        public int Owner { get; } = owner;

        public bool HasText => _letters > 0;

        public void Append(string data, bool inLink)
        {
            foreach (char c in data)
            {
                if (char.IsWhiteSpace(c))
                {
                    _pendingSpace = _text.Length > 0;
                    continue;
                }

                if (_pendingSpace)
                {
                    if (_text[^1] != '\n')
                    {
                        _text.Append(' ');
                    }

                    _pendingSpace = false;
                }

                _text.Append(c);
                if (char.IsLetterOrDigit(c))
                {
                    _letters++;
                    if (inLink)
                    {
                        _linkChars++;
                    }
                }
            }
        }

        public void LineBreak()
        {
            if (_text.Length > 0 && _text[^1] != '\n')
            {
                _text.Append('\n');
            }

            _pendingSpace = false;
        }

        public string Take(out int linkChars, out int letters)
        {
            string s = _text.ToString().Trim();
            linkChars = _linkChars;
            letters = _letters;
            Reset();
            return s;
        }

        public void Reset()
        {
            _text.Clear();
            _linkChars = 0;
            _letters = 0;
            _pendingSpace = false;
        }
    }
}
