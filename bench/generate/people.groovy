// bench/generate: 1M rows of a 6-column table through bin/migrate generate, into the database BENCH_URL names.
//
//   createdb gen_bench    (the table is made by the create below when it is missing)
//   BENCH_URL=jdbc:postgresql://127.0.0.1:5432/gen_bench BENCH_USER=postgres bin/migrate generate bench/generate/people.groovy
//
// CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(80) NOT NULL, full_name VARCHAR(60), city VARCHAR(40),
//                      born DATE, balance DECIMAL(10, 2))

generate {
    database {
        url env('BENCH_URL')
        user env('BENCH_USER', 'sa')
    }
    seed 1
    dirty 0.05
    table('people', rows: 1_000_000, replace: true) {
        create '''CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(80) NOT NULL, full_name VARCHAR(60), city VARCHAR(40),
                  born DATE, balance DECIMAL(10, 2))'''
    }
}
