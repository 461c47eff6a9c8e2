package dev.migrate.dsl

import dev.migrate.plan.ScriptError
import dev.migrate.plan.ScriptLocation
import groovy.transform.CompileStatic
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.messages.SyntaxErrorMessage
import org.codehaus.groovy.syntax.SyntaxException

/**
 * Where a syntax error really is, and what it is in plain words. Groovy's parser reports a mistake inside a
 * closure at the start of the command that holds the closure (in a migration script: line 1), and an unclosed
 * bracket at some command before it. So brackets are matched first; then the code of each closure after the
 * reported place is parsed on its own, keeping its lines and columns, down to the innermost one that fails.
 */
@CompileStatic
final class SyntaxErrors {

    private static final String OPERATORS = '+-*/%=<>&|^!~?:.,'

    private SyntaxErrors() {
    }

    static ScriptError describe(String fileName, String text, SyntaxException reported) {
        Brackets brackets = Brackets.scan(text)
        Lines lines = new Lines(text)
        if (brackets.unclosedString >= 0) {
            int at = brackets.unclosedString
            String quote = text.startsWith("'''", at) || text.startsWith('"""', at) ? text.substring(at, at + 3) : text.charAt(at).toString()
            return error(fileName, lines, at, "a string is not closed: the ${quote} at column ${lines.column(at)} has no closing ${quote}")
        }
        if (brackets.mismatched != null) {
            int open = brackets.mismatched.open
            return error(fileName, lines, open, "the ${brackets.mismatched.kind} at column ${lines.column(open)} is not closed: " +
                    "a ${closing(brackets.mismatched.kind)} is missing before the ${text.charAt(brackets.mismatchedAt)} on line ${lines.line(brackets.mismatchedAt)}")
        }
        if (brackets.unopenedAt >= 0) {
            // the extra brace is usually the one that closes a block early, behind code on its line, not the last one
            List<String> all = text.readLines()
            Brackets.Pair early = brackets.pairs.find { Brackets.Pair p ->
                p.kind == ('{' as char) && p.close >= 0 && lines.line(p.close) != lines.line(p.open) && !all[lines.line(p.close) - 1].trim().startsWith('}')
            }
            if (early != null) {
                return error(fileName, lines, early.close, "there is one } too many: the } at column ${lines.column(early.close)} " +
                        "closes the { of line ${lines.line(early.open)} before its block ends")
            }
            return error(fileName, lines, brackets.unopenedAt,
                    "the ${text.charAt(brackets.unopenedAt)} at column ${lines.column(brackets.unopenedAt)} closes nothing: it has no opening ${opening(text.charAt(brackets.unopenedAt))}")
        }
        List<Brackets.Pair> unclosed = brackets.unclosed()
        if (unclosed) {
            // the closing brace of an inner block closes an outer one instead: the indentation tells which block lacks it
            List<String> all = text.readLines()
            Brackets.Pair pair = brackets.pairs.reverse().find { Brackets.Pair p -> blockEnd(all, lines, p) != null } ?: unclosed.last()
            Integer end = blockEnd(all, lines, pair)
            return error(fileName, lines, pair.open, "the ${pair.kind} at column ${lines.column(pair.open)} is never closed: a ${closing(pair.kind)} is missing " +
                    (end != null && end <= all.size() ? "before line ${end}" : "before the end of the file (line ${all.size()})"))
        }
        Failure failure = innermost(text, brackets, new Failure(reported, lines.offset(reported.line, reported.startColumn), text.length()))
        error(fileName, lines, failure.at, explain(text, failure))
    }

    /** A failure to parse some code: the parser's report, where it points, and where that code ends. */
    private static final class Failure {
        final SyntaxException exception
        final int at
        final int end

        Failure(SyntaxException exception, int at, int end) {
            this.exception = exception
            this.at = at
            this.end = end
        }
    }

    /** The innermost closure, after the place the parser reports, whose own code does not parse. */
    private static Failure innermost(String text, Brackets brackets, Failure outer) {
        Lines lines = new Lines(text)
        int coveredUntil = -1
        for (Brackets.Pair pair : brackets.pairs) {
            if (pair.kind != ('{' as char) || pair.close < 0 || pair.open < outer.at || pair.close >= outer.end || pair.open < coveredUntil) {
                continue
            }
            coveredUntil = pair.close
            if (isSwitch(text, pair.open)) {
                continue
            }
            String body = alone(text, bodyStart(text, pair), pair.close)
            SyntaxException inner = parse(body)
            if (inner != null) {
                int at = inner.message.contains('<EOF>') ? pair.close : lines.offset(inner.line, inner.startColumn)
                return innermost(text, brackets, new Failure(inner, at, pair.close))
            }
        }
        outer
    }

    /** What went wrong at the failure, from the token there and the one before it. */
    private static String explain(String text, Failure failure) {
        String found = failure.at >= text.length() ? null : token(text, failure.at)
        if (found == null || failure.exception.message.contains('<EOF>')) {
            return 'the script ends before the statement is complete'
        }
        Lines lines = new Lines(text)
        if (found == ':') {
            // map A: 1 B: 2 — the parser stops at the second colon; the comma is missing before the name in front of it
            int name = failure.at - 1
            while (name > 0 && Character.isWhitespace(text.charAt(name))) {
                name--
            }
            while (name > 0 && Character.isJavaIdentifierPart(text.charAt(name - 1))) {
                name--
            }
            char before = previousSignificant(text, name)
            if (Character.isLetterOrDigit(before) || before in ['\'' as char, '"' as char, ')' as char, ']' as char]) {
                return "syntax error at column ${lines.column(name)}: a comma is missing before ${token(text, name)}"
            }
        }
        String hint = ''
        char before = previousSignificant(text, failure.at)
        if (OPERATORS.indexOf((int) before) >= 0 && before != (':' as char)) {
            hint = " (the expression before it is not complete)"
        } else if (Character.isLetterOrDigit(before) || before == ('\'' as char) || before == ('"' as char) || before == (')' as char)) {
            if (Character.isLetterOrDigit(found.charAt(0)) || found.startsWith("'") || found.startsWith('"')) {
                hint = " (is a comma missing before it?)"
            }
        }
        "syntax error at column ${lines.column(failure.at)}: unexpected ${found}${hint}"
    }

    /** The token that starts at {@code at}: a word, a string's opening quote, or one character. */
    private static String token(String text, int at) {
        char c = text.charAt(at)
        if (Character.isJavaIdentifierPart(c)) {
            int end = at
            while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                end++
            }
            return text.substring(at, end)
        }
        c.toString()
    }

    private static char previousSignificant(String text, int at) {
        int i = at - 1
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--
        }
        i < 0 ? ('\n' as char) : text.charAt(i)
    }

    /** Where a closure's code starts: after its parameters ({@code { value, row -> }). */
    private static int bodyStart(String text, Brackets.Pair pair) {
        int arrow = text.indexOf('->', pair.open)
        if (arrow < 0 || arrow > pair.close) {
            return pair.open + 1
        }
        String params = text.substring(pair.open + 1, arrow)
        params ==~ /[\s\w,<>\[\].?]*/ ? arrow + 2 : pair.open + 1
    }

    /** Code between two offsets, everything else blanked: lines and columns stay where they are in the file. */
    private static String alone(String text, int from, int to) {
        StringBuilder b = new StringBuilder(text.length())
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i)
            b.append(i >= from && i < to || c == ('\n' as char) || c == ('\r' as char) ? c : (' ' as char))
        }
        b.toString()
    }

    /** A {@code switch} block holds case labels, which are no code of their own. */
    private static boolean isSwitch(String text, int open) {
        String before = text.substring(Math.max(0, open - 200), open)
        before ==~ /(?s).*\bswitch\s*\(.*\)\s*/
    }

    /** The parser's report for code that does not parse, or null. */
    static SyntaxException parse(String code) {
        CompilationUnit unit = new CompilationUnit()
        unit.addSource('code.groovy', code)
        try {
            unit.compile(Phases.CONVERSION)
            null
        } catch (MultipleCompilationErrorsException e) {
            def first = e.errorCollector.errors ? e.errorCollector.errors.first() : null
            first instanceof SyntaxErrorMessage ? ((SyntaxErrorMessage) first).cause : null
        }
    }

    /**
     * For a brace that opens a block on the lines below it: the line where, by indentation, the block ends without
     * its closing brace (past the last line: the end of the file). Null when it ends as it should, or is no such block.
     */
    private static Integer blockEnd(List<String> all, Lines lines, Brackets.Pair pair) {
        if (pair.kind != ('{' as char) || (pair.close >= 0 && lines.line(pair.close) == lines.line(pair.open))) {
            return null
        }
        int line = lines.line(pair.open)
        int indent = indentation(all[line - 1])
        // a block that opens its line's end, and whose lines are not indented under it, says nothing by its indentation
        String after = all[line - 1].substring(Math.min(all[line - 1].length(), lines.column(pair.open))).trim()
        String body = all.drop(line).find { String l -> !l.trim().isEmpty() && !l.trim().startsWith('}') }
        if ((after.isEmpty() || after.startsWith('//')) && body != null && indentation(body) <= indent) {
            return null
        }
        for (int next = line; next < all.size(); next++) {
            String l = all[next]
            if (!l.trim().isEmpty() && indentation(l) <= indent) {
                return indentation(l) == indent && l.trim().startsWith('}') ? null : next + 1
            }
        }
        all.size() + 1
    }

    private static int indentation(String line) {
        int i = 0
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++
        }
        i
    }

    private static String closing(char kind) {
        ')]}'.charAt('([{'.indexOf((int) kind)).toString()
    }

    private static String opening(char kind) {
        '([{'.charAt(')]}'.indexOf((int) kind)).toString()
    }

    private static ScriptError error(String fileName, Lines lines, int at, String reason) {
        new ScriptError(new ScriptLocation(fileName, lines.line(Math.min(at, lines.length - 1))), reason)
    }

    /** Lines and columns (1-based) of offsets in a text, and back. */
    private static final class Lines {
        private final List<Integer> starts = [0]
        final int length

        Lines(String text) {
            length = Math.max(1, text.length())
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == ('\n' as char)) {
                    starts << i + 1
                }
            }
        }

        int line(int offset) {
            int line = Collections.binarySearch(starts, offset)
            line >= 0 ? line + 1 : -line - 1
        }

        int column(int offset) {
            offset - starts[line(offset) - 1] + 1
        }

        int offset(int line, int column) {
            line < 1 ? 0 : line > starts.size() ? length : starts[line - 1] + Math.max(0, column - 1)
        }
    }
}
