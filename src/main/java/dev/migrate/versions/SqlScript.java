package dev.migrate.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL file cut into the statements a driver runs one at a time. A {@code ;} ends a statement unless it is inside a
 * string, a quoted name, a comment, a dollar-quoted body (PostgreSQL, H2) or the BEGIN ... END body of a procedure,
 * function, trigger or event (MySQL, MariaDB, SQLite, SQL Server: no DELIMITER needed). Oracle's PL/SQL (a
 * CREATE PROCEDURE, PACKAGE, TRIGGER, TYPE BODY, or a DECLARE/BEGIN block) ends at a line holding only {@code /};
 * SQL Server's batches at a line holding only {@code GO}, when the file has such lines.
 */
public final class SqlScript {

    private static final Pattern ROUTINE = Pattern.compile(
            "(?is)\\s*CREATE\\s+(OR\\s+REPLACE\\s+|OR\\s+ALTER\\s+)?(DEFINER\\s*=\\s*\\S+\\s+)?(EDITIONABLE\\s+|NONEDITIONABLE\\s+)?"
                    + "(PROCEDURE|FUNCTION|TRIGGER|EVENT|PACKAGE|TYPE\\s+BODY)\\b.*");
    private static final Pattern BLOCK = Pattern.compile("(?is)\\s*(BEGIN|DECLARE)\\b.*");
    private static final Pattern GO = Pattern.compile("(?im)^\\s*GO\\s*;?\\s*$");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z_0-9$#]*");
    private static final Pattern DELIMITER = Pattern.compile("(?i)[ \\t]*DELIMITER[ \\t]+(\\S+)[ \\t]*(\\r?\\n|$)");
    /** A statement that psql feeds rows from the lines after it. */
    public static final Pattern COPY_IN = Pattern.compile("(?is)(\\s*(--[^\\n]*\\n|/\\*.*?\\*/))*\\s*COPY\\s+.+\\s+FROM\\s+stdin\\b.*");
    private static final Pattern COPY_END = Pattern.compile("(?m)^\\\\\\.[ \\t]*(\\r?\\n|$)");

    private final String dialect;

    /** @param dialect the target's dialect name ({@code PostgreSQL}, {@code MySQL}, {@code Oracle}, {@code SQL Server}, {@code H2}, {@code SQLite}) */
    public SqlScript(String dialect) {
        this.dialect = dialect;
    }

    /** The statements of {@code text}, each without its ending {@code ;} (but a PL/SQL block with its own), comments kept. */
    public List<String> statements(String text) {
        if (dialect.equals("SQL Server") && GO.matcher(text).find()) {
            List<String> batches = new ArrayList<>();
            for (String batch : GO.split(text)) {
                if (!onlyComments(batch)) {
                    batches.add(batch.strip());
                }
            }
            return batches;
        }
        List<String> statements = new ArrayList<>();
        boolean oracle = dialect.equals("Oracle");
        boolean dollars = dialect.equals("PostgreSQL") || dialect.equals("H2");
        boolean mysql = dialect.equals("MySQL");
        int start = 0;
        int depth = 0;
        boolean routine = false;
        boolean plsql = false;
        int i = 0;
        int n = text.length();
        boolean begun = false;
        String delimiter = ";";
        while (i < n) {
            char c = text.charAt(i);
            if (mysql && !begun && (i == 0 || text.charAt(i - 1) == '\n')) {
                // the client's DELIMITER command, as mysqldump writes around triggers and procedures
                Matcher d = DELIMITER.matcher(text).region(i, n);
                if (d.lookingAt()) {
                    delimiter = d.group(1);
                    i = d.end();
                    start = i;
                    continue;
                }
            }
            if (dollars && !begun && c == '\\' && (i == 0 || text.charAt(i - 1) == '\n')) {
                // a psql command on a line of its own: pg_dump's restrict and unrestrict commands are passed over, any other is
                // handed on as it is, for the run to refuse by name
                int end = text.indexOf('\n', i);
                String line = text.substring(i, end < 0 ? n : end).strip();
                if (!line.matches("\\\\(un)?restrict(\\s.*)?")) {
                    statements.add(line);
                }
                i = end < 0 ? n : end + 1;
                start = i;
                continue;
            }
            if (!delimiter.equals(";") && text.startsWith(delimiter, i)) {
                add(statements, text.substring(start, i));
                i += delimiter.length();
                start = i;
                begun = false;
                continue;
            }
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-' && (!mysql || i + 2 >= n || Character.isWhitespace(text.charAt(i + 2)))
                    || c == '#' && mysql) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*' && !(mysql && i + 2 < n && text.charAt(i + 2) == '!')) {
                // MySQL runs what /*! ... */ holds: code, not a comment
                i = endOfComment(text, i, dialect.equals("PostgreSQL"));
                continue;
            }
            if (!begun && !Character.isWhitespace(c)) {
                // the statement's first words tell how it ends
                begun = true;
                String rest = text.substring(i, Math.min(n, i + 400));
                routine = ROUTINE.matcher(rest).matches() || (oracle || dialect.equals("SQL Server")) && BLOCK.matcher(rest).matches();
                plsql = oracle && routine;
            }
            if (c == '\'' || c == '"' || c == '`' && mysql || c == '[' && dialect.equals("SQL Server")) {
                // PostgreSQL's E'...' escapes with backslashes, as MySQL's strings do
                boolean escaped = c == '\'' && dollars && i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')
                        && (i == 1 || !isWordChar(text.charAt(i - 2)));
                i = endOfQuoted(text, i, c == '[' ? ']' : c, mysql && c != '`' || escaped);
                continue;
            }
            if (c == '$' && dollars) {
                Matcher tag = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$").matcher(text).region(i, n);
                if (tag.lookingAt() && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '_')) {
                    int end = text.indexOf(tag.group(), i + tag.group().length());
                    i = end < 0 ? n : end + tag.group().length();
                    continue;
                }
            }
            if (plsql) {
                // PL/SQL ends at a line of its own holding '/'
                if (c == '/' && lineIsOnly(text, i)) {
                    add(statements, text.substring(start, i));
                    i = endOfLine(text, i);
                    start = i;
                    begun = false;
                    plsql = false;
                    routine = false;
                    continue;
                }
                i++;
                continue;
            }
            if (routine && Character.isLetter(c) && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
                Matcher word = WORD.matcher(text).region(i, n);
                word.lookingAt();
                String w = word.group().toUpperCase(Locale.ROOT);
                if (w.equals("BEGIN") || w.equals("CASE")) {
                    depth++;
                } else if (w.equals("END")) {
                    Matcher next = Pattern.compile("\\s+(IF|LOOP|WHILE|REPEAT|CASE)\\b", Pattern.CASE_INSENSITIVE).matcher(text).region(word.end(), n);
                    if (next.lookingAt()) {
                        // END IF, END LOOP...: the end of a statement inside the body; END CASE: of a CASE
                        if (next.group(1).equalsIgnoreCase("CASE")) {
                            depth = Math.max(0, depth - 1);
                        }
                        i = next.end();
                        continue;
                    }
                    depth = Math.max(0, depth - 1);
                }
                i = word.end();
                continue;
            }
            if (c == ';' && !delimiter.equals(";")) {
                i++;
                continue;
            }
            if (c == ';' && depth == 0 && dollars && COPY_IN.matcher(text.substring(start, i)).matches()) {
                // psql's COPY ... FROM stdin: its rows follow, up to a line holding \.
                Matcher end = COPY_END.matcher(text).region(i, n);
                int stop = end.find() ? end.end() : n;
                add(statements, text.substring(start, stop));
                i = stop;
                start = i;
                begun = false;
                routine = false;
                continue;
            }
            if (c == ';' && depth == 0 && routine && dialect.equals("SQL Server")) {
                // a procedure, function or trigger is its batch: without GO, the rest of the file (as sqlcmd sends it)
                i++;
                continue;
            }
            if (c == ';' && depth == 0) {
                add(statements, text.substring(start, i));
                start = i + 1;
                routine = false;
                begun = false;
            }
            i++;
        }
        add(statements, text.substring(start));
        return statements;
    }

    private static void add(List<String> statements, String statement) {
        if (!onlyComments(statement)) {
            statements.add(statement.strip());
        }
    }

    /** Whether {@code text} holds nothing but blanks and comments. */
    static boolean onlyComments(String text) {
        String rest = text.replaceAll("(?s)/\\*(?!!).*?\\*/", " ").replaceAll("(?m)(--|#).*$", " ");
        return rest.isBlank();
    }

    private static int endOfQuoted(String text, int i, char close, boolean backslashes) {
        int j = i + 1;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (backslashes && c == '\\') {
                j += 2;
                continue;
            }
            if (c == close) {
                if (j + 1 < text.length() && text.charAt(j + 1) == close) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return text.length();
    }

    /** The end of the comment starting at {@code i}; PostgreSQL's nest. */
    private static int endOfComment(String text, int i, boolean nested) {
        int depth = 0;
        int j = i;
        while (j < text.length() - 1) {
            if (text.charAt(j) == '/' && text.charAt(j + 1) == '*' && (nested || depth == 0)) {
                depth++;
                j += 2;
            } else if (text.charAt(j) == '*' && text.charAt(j + 1) == '/') {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return text.length();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '#';
    }

    private static boolean lineIsOnly(String text, int i) {
        int lineStart = text.lastIndexOf('\n', i - 1) + 1;
        int lineEnd = text.indexOf('\n', i);
        return text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd).strip().equals("/");
    }

    private static int endOfLine(String text, int i) {
        int end = text.indexOf('\n', i);
        return end < 0 ? text.length() : end + 1;
    }
}
