/// Breaks text into lines that fit a width in terminal cells, for English and Japanese
/// alike: the one wrapper the wizard, the help overlay, `explain`, the reports and
/// `--help` use.
///
/// The rules (JA-STYLE.md section 2, after JIS X 4051 / JLReq):
/// - widths are display cells (`DisplayWidth`), never characters;
/// - a line is filled: Japanese may break between any two characters, so a line ends when
///   it is full, not at the last space;
/// - a katakana word is kept whole;
/// - kinsoku: no line starts with closing punctuation, a small kana, a prolonged sound mark
///   or a particle, and no line ends with an opening bracket;
/// - an ASCII word (a parameter name, a path, a code, a command; a quoted literal with
///   spaces in it counts as one word) is kept whole, and stays
///   on the line of the Japanese text that directly follows it, so no line starts with a
///   particle after `SASL⏎が`; a number stays with its counter (`2048 ビット`, `ポート 587`);
/// - a word longer than a whole line starts at the margin and breaks after a `/` or, failing
///   that, at the edge.
public enum LineBreaker {
    /// `text` broken into lines of at most `width` cells. Lines after the first are
    /// prefixed with `continuationIndent` spaces and fit in `width` all the same. Each
    /// line of a multi-line `text` is broken on its own; leading spaces are kept.
    public static func lines(_ text: String, width: Int, continuationIndent: Int = 0) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            fill(segments(of: line), width: width, continuationIndent: max(0, min(continuationIndent, width - 1)))
        }
    }

    /// A command to copy, as lines of at most `width` cells: one line when it fits,
    /// otherwise broken after a `/` (or at the edge), with no indentation, so what is
    /// selected on screen is the command. Nothing is shortened.
    public static func commandLines(_ command: String, width: Int) -> [String] {
        var lines: [String] = []
        var rest = command
        while DisplayWidth.columns(of: rest) > width, width > 0 {
            let (head, tail) = forcedSplit(rest, room: width)
            lines.append(head)
            rest = tail
        }
        return lines + [rest]
    }

    // MARK: - Pieces and the places a line may break

    /// A run of spaces, a run of narrow (ASCII-like) characters, or one wide character.
    private enum Piece {
        case spaces(Substring)
        case narrow(Substring)
        case wide(Character)

        var text: String {
            switch self {
            case .spaces(let run), .narrow(let run): String(run)
            case .wide(let character): String(character)
            }
        }
    }

    /// An unbreakable stretch of text and the spaces before it (dropped at a break).
    private struct Segment {
        var separator: String
        var text: String
    }

    /// Never at the start of a line: closing punctuation, small kana, marks that belong to
    /// the character before, and ASCII punctuation that closes the word before it.
    private static let noLineStart: Set<Character> = Set("、。，．）」』］】〉》？！・：；ー々ゝゞヽヾ〜…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;!?")
    /// Never at the end of a line: opening brackets.
    private static let noLineEnd: Set<Character> = Set("（「『［【〈《([{")
    /// Particles and the copula: a line that starts with one reads as broken mid-phrase.
    private static let particles: Set<Character> = Set("はがをにのでともへやか")

    private static func pieces(of line: Substring) -> [Piece] {
        var result: [Piece] = []
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == " " {
                let end = line[index...].firstIndex { $0 != " " } ?? line.endIndex
                result.append(.spaces(line[index..<end]))
                index = end
            } else if isWide(character) {
                result.append(.wide(character))
                index = line.index(after: index)
            } else {
                var end = line[index...].firstIndex { $0 == " " || isWide($0) } ?? line.endIndex
                if let quoted = quotedSpanEnd(in: line, from: index) { end = max(end, quoted) }
                result.append(.narrow(line[index..<end]))
                index = end
            }
        }
        return result
    }

    /// The end of a quoted ASCII literal that starts at `start` (`` `postfix check` ``,
    /// `"-o name=value"`), so a command with spaces is one word; nil when there is none.
    private static func quotedSpanEnd(in line: Substring, from start: Substring.Index) -> Substring.Index? {
        let quote = line[start]
        guard quote == "`" || quote == "\"" else { return nil }
        let inside = line.index(after: start)
        guard let close = line[inside...].firstIndex(of: quote), close > inside,
              line[inside..<close].contains(" "), !line[inside..<close].contains(where: isWide) else { return nil }
        let after = line.index(after: close)
        return line[after...].firstIndex { $0 == " " || isWide($0) } ?? line.endIndex
    }

    private static func isWide(_ character: Character) -> Bool { DisplayWidth.columns(of: character) == 2 }

    /// Katakana letters and the prolonged sound mark, not the middle dot that separates words.
    private static func isKatakana(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        return (0x30A1...0x30FA).contains(value) || (0x30FC...0x30FE).contains(value)
    }

    /// Whether a line may end after `before` and start with `after` (with or without spaces
    /// between them: a space is a break point among many, not a preferred one).
    private static func mayBreak(after before: Piece, before after: Piece) -> Bool {
        let last = before.text.last, first = after.text.first
        if let last, noLineEnd.contains(last) { return false }
        if let first, noLineStart.contains(first) { return false }
        switch (before, after) {
        case (.narrow, .wide):
            // `SASL が必要`, `"encrypt" では`, `2048 ビット`: the word stays with what follows.
            return false
        case (.wide, .narrow(let word)):
            // `ポート 587`, `あと 364 日`: a number stays with the word before it.
            return !(word.first?.isNumber ?? false)
        case (.wide(let character), .wide(let next)):
            // A katakana word (`ハンドシェイク`, `ポート`) is a word: it stays whole.
            return !particles.contains(next) && !(isKatakana(character) && isKatakana(next))
        default:
            return true
        }
    }

    private static func segments(of line: Substring) -> [Segment] {
        var segments: [Segment] = []
        var previous: Piece?
        var pendingSpaces = ""
        for piece in pieces(of: line) {
            if case .spaces(let run) = piece {
                pendingSpaces += run
                continue
            }
            if let previous, !segments.isEmpty, !mayBreak(after: previous, before: piece) {
                segments[segments.count - 1].text += pendingSpaces + piece.text
            } else if segments.isEmpty {
                segments.append(Segment(separator: "", text: pendingSpaces + piece.text))
            } else {
                segments.append(Segment(separator: pendingSpaces, text: piece.text))
            }
            pendingSpaces = ""
            previous = piece
        }
        return segments
    }

    // MARK: - Filling lines

    private static func fill(_ segments: [Segment], width: Int, continuationIndent: Int) -> [String] {
        let margin = String(repeating: " ", count: continuationIndent)
        var lines: [String] = []
        var line = ""
        var used = 0
        var room = width
        func finish() {
            lines.append((lines.isEmpty ? "" : margin) + line)
            line = ""
            used = 0
            room = width - continuationIndent
        }
        for segment in segments {
            let columns = DisplayWidth.columns(of: segment.text)
            let separatorColumns = DisplayWidth.columns(of: segment.separator)
            if line.isEmpty {
                (line, used) = (segment.text, columns)
            } else if used + separatorColumns + columns <= room {
                line += segment.separator + segment.text
                used += separatorColumns + columns
            } else {
                finish()
                (line, used) = (segment.text, columns)
            }
            while used > room, room > 0 {
                let (head, tail) = forcedSplit(line, room: room)
                line = head
                finish()
                (line, used) = (tail, DisplayWidth.columns(of: tail))
            }
        }
        if !line.isEmpty || lines.isEmpty { finish() }
        return lines
    }

    /// Splits a stretch that has no break allowed and is wider than `room`, at the best
    /// place inside the room, the latest of the best kind: between two wide characters that
    /// kinsoku and the particle rule allow, then one that kinsoku allows, then a space or
    /// after a `/`, then the edge where kinsoku allows, then the edge. The head is never empty.
    private static func forcedSplit(_ text: String, room: Int) -> (head: String, tail: String) {
        var used = 0
        var best: (rank: Int, cut: String.Index, resume: String.Index)?
        var index = text.startIndex
        while index < text.endIndex {
            used += DisplayWidth.columns(of: text[index])
            if used > room && best != nil { break }
            let next = text.index(after: index)
            guard next < text.endIndex else { break }
            let rank = splitRank(between: text[index], and: text[next])
            if rank >= (best?.rank ?? Int.min) {
                let resume = text[next] == " " ? (text[next...].firstIndex { $0 != " " } ?? text.endIndex) : next
                best = (rank, next, resume)
            }
            if used >= room { break }
            index = next
        }
        let (cut, resume) = best.map { ($0.cut, $0.resume) } ?? (text.endIndex, text.endIndex)
        var head = text[..<cut]
        while head.count > 1, head.last == " " { head = head.dropLast() }
        return (String(head), String(text[resume...]))
    }

    /// How good a forced break between `character` and `following` is (higher is better).
    private static func splitRank(between character: Character, and following: Character) -> Int {
        let kinsokuAllows = !noLineEnd.contains(character) && !noLineStart.contains(following)
        switch (isWide(character), isWide(following)) {
        case (true, true) where kinsokuAllows:
            return particles.contains(following) ? 3 : 4
        case _ where following == " " || character == "/" && following != "/":
            return 2
        default:
            return kinsokuAllows ? 1 : 0
        }
    }
}
