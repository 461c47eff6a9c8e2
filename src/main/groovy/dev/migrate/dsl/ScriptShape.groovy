package dev.migrate.dsl

import dev.migrate.plan.ScriptError
import dev.migrate.plan.ScriptLocation
import org.codehaus.groovy.ast.ASTNode
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.CodeVisitorSupport
import org.codehaus.groovy.ast.MethodNode
import org.codehaus.groovy.ast.expr.ClosureExpression
import org.codehaus.groovy.ast.expr.ConstantExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.MapExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.TupleExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer

/**
 * Slips that Groovy reads as other, valid code, found when the script compiles. Without the comma,
 * {@code rename 'user_name' to: 'username'} is the property {@code rename} and a method named {@code user_name};
 * without parentheses, {@code column 'x' { }} calls a method named {@code x} with the block. Each is reported at
 * its line with the words as they should be written.
 */
class ScriptShape extends CompilationCustomizer {

    private final String fileName

    ScriptShape(String fileName) {
        super(CompilePhase.CONVERSION)
        this.fileName = fileName
    }

    @Override
    void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        List<String> lines = source.source.reader.withCloseable { it.readLines() }
        Checker checker = new Checker(fileName, lines)
        classNode.methods.each { MethodNode m -> m.code?.visit(checker) }
        classNode.objectInitializerStatements.each { it.visit(checker) }
    }

    private static final class Checker extends CodeVisitorSupport {

        private final String fileName
        private final List<String> lines

        Checker(String fileName, List<String> lines) {
            this.fileName = fileName
            this.lines = lines
        }

        @Override
        void visitMethodCallExpression(MethodCallExpression call) {
            String word = call.objectExpression instanceof VariableExpression ? ((VariableExpression) call.objectExpression).name : null
            if (word in DslWords.ALL && quoted(call.method) && named(call.arguments) != null) {
                // rename 'user_name' to: 'username'
                MapExpression options = named(call.arguments)
                throw error(call, "${word} needs a comma before ${firstKey(options)}: — ${withComma(call.objectExpression, call.method, options)}")
            }
            if (call.implicitThis && call.methodAsString in DslWords.ALL) {
                argumentList(call.arguments).each { Expression argument ->
                    if (argument instanceof MethodCallExpression && argument.implicitThis && quoted(argument.method)) {
                        misread(call, (MethodCallExpression) argument)
                    }
                }
            }
            super.visitMethodCallExpression(call)
        }

        /** A string in the arguments of a DSL word that Groovy took for the name of a method. */
        private void misread(MethodCallExpression call, MethodCallExpression inner) {
            MapExpression options = named(inner.arguments)
            List<Expression> rest = argumentList(inner.arguments)
            if (options != null) {
                // table('legacy' to: 'customers')
                throw error(call, "${call.methodAsString} needs a comma before ${firstKey(options)}: — " +
                        "${withComma(call.method, inner.method, options)}${after(options) == ')' ? ')' : ''}")
            }
            if (rest.size() == 1 && rest[0] instanceof ClosureExpression) {
                String name = text(inner.method)
                String block = sameLine(rest[0]) ? text(rest[0]) : '{ ... }'
                if (call.methodAsString == 'migration') {
                    throw error(call, "migration needs a comma before its block — migration ${name}, ${block}")
                }
                throw error(call, "${call.methodAsString} needs parentheses around ${name} before its block — ${call.methodAsString}(${name}) ${block}")
            }
        }

        private ScriptError error(ASTNode node, String reason) {
            new ScriptError(new ScriptLocation(fileName, node.lineNumber), reason)
        }

        /** The call as it should be: {@code rename 'user_name', to: 'username'}. */
        private String withComma(Expression start, Expression string, MapExpression options) {
            String line = lines[start.lineNumber - 1]
            int end = options.lastLineNumber == start.lineNumber ? options.lastColumnNumber - 1 : line.length()
            line.substring(start.columnNumber - 1, string.lastColumnNumber - 1) + ',' + line.substring(string.lastColumnNumber - 1, end).replaceFirst(/^\s*/, ' ')
        }

        private String after(Expression e) {
            String line = lines[e.lastLineNumber - 1]
            e.lastColumnNumber - 1 < line.length() ? line.substring(e.lastColumnNumber - 1).trim().take(1) : ''
        }

        private boolean quoted(Expression e) {
            if (!(e instanceof ConstantExpression) || e.lineNumber < 1) {
                return false
            }
            String line = lines[e.lineNumber - 1]
            e.columnNumber - 1 < line.length() && line.charAt(e.columnNumber - 1) in ['\'' as char, '"' as char]
        }

        private boolean sameLine(Expression e) {
            e.lineNumber == e.lastLineNumber
        }

        private String text(Expression e) {
            lines[e.lineNumber - 1].substring(e.columnNumber - 1, e.lastColumnNumber - 1)
        }

        private static String firstKey(MapExpression options) {
            options.mapEntryExpressions.first().keyExpression.text
        }

        private static MapExpression named(Expression args) {
            (MapExpression) argumentList(args).find { it instanceof MapExpression }
        }

        private static List<Expression> argumentList(Expression args) {
            args instanceof TupleExpression ? ((TupleExpression) args).expressions : []
        }
    }
}
