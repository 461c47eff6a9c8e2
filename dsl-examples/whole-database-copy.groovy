// Whole-database copy across engines: every table of a MySQL or MariaDB database into PostgreSQL, merged
// into what the target already holds — the job of a SQLAlchemy/Alembic "copy the database" script, without
// writing one.
//
//   SOURCE_URL=jdbc:mysql://127.0.0.1:3306/chinook SOURCE_USER=root SOURCE_PASSWORD=... \
//   TARGET_URL=jdbc:postgresql://127.0.0.1:5432/chinook TARGET_USER=postgres TARGET_PASSWORD=... \
//   bin/migrate plan dsl-examples/whole-database-copy.groovy     # the names that change, the DDL, nothing run
//   bin/migrate dsl-examples/whole-database-copy.groovy          # the copy; run it again whenever you like
//
// What it shows:
// - No `tables`: every source table moves, parents before children. A table the target lacks is created
//   (schema CREATE, the default), with its keys, indexes and foreign keys after the load; a table it has is
//   written into as it is. Nothing is ever dropped, emptied or narrowed.
// - mode MERGE: a row whose primary key the target has is updated, any other is inserted, and rows only the
//   target has are kept. A second run changes nothing but what changed in the source.
// - identifiers 'SNAKE_CASE': CamelCase MySQL names become PostgreSQL's usual ones (Album.AlbumId is
//   album.album_id, so no query needs quotes); `plan` lists every name that changes. An existing target table
//   album is the one Album is merged into.
// - partitionRows and parallelism: a table with more rows than partitionRows is read and written in key ranges,
//   parallelism of them at once, each committed on its own (and resumable with run --resume).

migration 'whole-database-copy', {
    source {
        url env('SOURCE_URL', 'jdbc:mysql://127.0.0.1:3306/chinook')
        user env('SOURCE_USER', 'root')
        password env('SOURCE_PASSWORD', '')
    }
    target {
        url env('TARGET_URL', 'jdbc:postgresql://127.0.0.1:5432/chinook')
        user env('TARGET_USER', 'postgres')
        password env('TARGET_PASSWORD', '')
        schema 'public'
    }
    settings {
        mode MERGE
        identifiers 'SNAKE_CASE'
        parallelism 4
        partitionRows(env('PARTITION_ROWS', '100000') as long)
        batchSize 5_000
    }

    exclude ~/tmp_.*/                  // scratch tables stay behind
}
