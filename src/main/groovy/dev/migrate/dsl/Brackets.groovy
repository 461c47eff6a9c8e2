package dev.migrate.dsl

import groovy.transform.CompileStatic

/**
 * The brackets of a Groovy script's code, matched: what lies in strings and comments is left out. Enough of
 * Groovy's lexing to say which bracket is not closed, or closed by the wrong one, when the parser cannot say where.
 */
@CompileStatic
final class Brackets {

    /** An opening bracket and the one that closes it (-1 when none does). */
    static final class Pair {
        final int open
        int close = -1
        final char kind

        Pair(int open, char kind) {
            this.open = open
            this.kind = kind
        }
    }

    final List<Pair> pairs = []
    /** A closing bracket of the wrong kind for the innermost open one: that one is not closed where it should be. */
    Pair mismatched
    int mismatchedAt = -1
    /** A closing bracket with nothing open. */
    int unopenedAt = -1
    /** Where a string starts that the file never closes. */
    int unclosedString = -1

    private static final String CLOSING = ')]}'
    private static final String OPENING = '([{'

    static Brackets scan(String text) {
        Brackets b = new Brackets()
        b.run(text)
        b
    }

    private void run(String text) {
        Deque<Pair> open = new ArrayDeque<>()
        // the depth of open braces at which each ${ } of a GString ends: its closing brace goes back into the string
        Deque<Integer> interpolations = new ArrayDeque<>()
        Deque<String> interpolated = new ArrayDeque<>()
        int i = text.startsWith('#!') ? text.indexOf('\n') : 0
        if (i < 0) {
            return
        }
        while (i < text.length()) {
            char c = text.charAt(i)
            if (c == ('/' as char) && i + 1 < text.length() && text.charAt(i + 1) == ('/' as char)) {
                int end = text.indexOf('\n', i)
                i = end < 0 ? text.length() : end
                continue
            }
            if (c == ('/' as char) && i + 1 < text.length() && text.charAt(i + 1) == ('*' as char)) {
                int end = text.indexOf('*/', i + 2)
                i = end < 0 ? text.length() : end + 2
                continue
            }
            if (c == ('\'' as char) || c == ('"' as char) || (c == ('/' as char) && startsSlashy(text, i))) {
                String quote = text.startsWith(c.toString() * 3, i) && c != ('/' as char) ? c.toString() * 3 : c.toString()
                int end = stringEnd(text, i + quote.length(), quote, open.size(), interpolations, interpolated)
                if (end < 0) {
                    unclosedString = i
                    return
                }
                i = end
                continue
            }
            if (c == ('}' as char) && !interpolations.isEmpty() && interpolations.peek() == open.size()) {
                interpolations.pop()
                String quote = interpolated.pop()
                int end = stringEnd(text, i + 1, quote, open.size(), interpolations, interpolated)
                if (end < 0) {
                    unclosedString = i
                    return
                }
                i = end
                continue
            }
            if (OPENING.indexOf((int) c) >= 0) {
                Pair p = new Pair(i, c)
                pairs << p
                open.push(p)
            } else if (CLOSING.indexOf((int) c) >= 0) {
                if (open.isEmpty()) {
                    if (unopenedAt < 0) {
                        unopenedAt = i
                    }
                } else if (OPENING.indexOf((int) open.peek().kind) != CLOSING.indexOf((int) c)) {
                    if (mismatched == null) {
                        mismatched = open.peek()
                        mismatchedAt = i
                    }
                    open.pop()
                } else {
                    open.pop().close = i
                }
            }
            i++
        }
    }

    /**
     * The index after the string's closing quote, or -1 when the file ends first. At a {@code ${} of a double-quoted
     * string the scan goes back to code, and returns here at its closing brace.
     */
    private static int stringEnd(String text, int from, String quote, int depth, Deque<Integer> interpolations, Deque<String> interpolated) {
        boolean gstring = quote.startsWith('"') || quote == '/'
        int i = from
        while (i < text.length()) {
            char c = text.charAt(i)
            if (c == ('\\' as char)) {
                i += 2
                continue
            }
            if (quote.length() == 1 && quote != '/' && c == ('\n' as char)) {
                return -1
            }
            if (text.startsWith(quote, i)) {
                return i + quote.length()
            }
            if (gstring && c == ('$' as char) && i + 1 < text.length() && text.charAt(i + 1) == ('{' as char)) {
                interpolations.push(depth)
                interpolated.push(quote)
                return i + 2
            }
            i++
        }
        -1
    }

    /** A slash starts a pattern where a value may start: after {@code ~ ( , = [ : { !} or at the start of a line. */
    private static boolean startsSlashy(String text, int i) {
        int j = i - 1
        while (j >= 0 && (text.charAt(j) == (' ' as char) || text.charAt(j) == ('\t' as char))) {
            j--
        }
        j < 0 || '~(,=[:{!\n&|?'.indexOf((int) text.charAt(j)) >= 0
    }

    /** The unclosed pairs, innermost last. */
    List<Pair> unclosed() {
        pairs.findAll { it.close < 0 && it != mismatched }
    }
}
