package dev.migrate.report

import spock.lang.Specification

import java.nio.file.AccessDeniedException
import java.nio.file.FileAlreadyExistsException
import java.nio.file.FileSystemException
import java.nio.file.NoSuchFileException
import java.nio.file.NotDirectoryException
import java.util.concurrent.CompletionException
import java.util.concurrent.ExecutionException

class FailuresSpec extends Specification {

    def "a failure is one line about its real cause: #what"() {
        expect:
        Failures.oneLine(failure) == line

        where:
        what                                   | failure                                                                                   || line
        'its own message'                      | new IllegalStateException('lookup table is empty')                                        || 'lookup table is empty'
        'a thread wrapper'                     | new CompletionException(new IllegalStateException('boom'))                                || 'boom'
        'an execution wrapper'                 | new ExecutionException(new IllegalArgumentException('bad'))                               || 'bad'
        'a wrapper whose message is its cause' | new RuntimeException(new IllegalStateException('the cause'))                              || 'the cause'
        'a wrapper with a message of its own'  | new RuntimeException('reading orders', new IllegalStateException('the cause'))            || 'reading orders'
        'no message at all'                    | new IllegalStateException()                                                               || 'IllegalStateException'
        'more lines than one'                  | new IllegalStateException('first\n  Position: 15')                                        || 'first'
        'a line that goes on below'            | new IllegalStateException('Syntax error; SQL statement:\nSELEC 1 [42001-232]')           || 'Syntax error; SQL statement: SELEC 1 [42001-232]'
        'a missing method with its hints'      | new IllegalStateException('No signature of method: trimm\nPossible solutions: trim(), strip(), stream(), tr()') || 'No signature of method: trimm (possible solutions: trim(), strip(), stream())'
        'a file that does not exist'           | new NoSuchFileException('/data/out')                                                      || '/data/out: no such file or folder'
        'a file it may not touch'              | new AccessDeniedException('/data/out')                                                    || '/data/out: permission denied'
        'a file where a folder should be'      | new NotDirectoryException('/data/out')                                                    || '/data/out: not a folder'
        'a file that is there already'         | new FileAlreadyExistsException('/data/out')                                               || '/data/out: already exists'
        'a file failure with the reason'       | new FileSystemException('/data/out', null, 'Read-only file system')                       || '/data/out: Read-only file system'
        'a file failure in a wrapper'          | new UncheckedIOException(new NoSuchFileException('/data/out'))                            || '/data/out: no such file or folder'
    }
}
