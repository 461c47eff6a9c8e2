// A legacy shop in MySQL or MariaDB moved into pre-created PostgreSQL tables.
//
//   LEGACY_URL=jdbc:mysql://legacy:3306/shop LEGACY_PASSWORD=... \
//   V2_URL=jdbc:postgresql://localhost:5432/shop_v2 V2_PASSWORD=... \
//   bin/migrate dsl-examples/mysql-to-postgres.groovy
//
// Without `tables`, every source table moves, parents before children (by the target's foreign keys).

migration 'shop-mysql-to-postgres', {
    source {
        url env('LEGACY_URL', 'jdbc:mysql://127.0.0.1:3306/shop')
        user env('LEGACY_USER', 'root')
        password env('LEGACY_PASSWORD', '')
        // legacy MySQL often holds '0000-00-00'; say explicitly what it becomes
        property 'zeroDateTimeBehavior', 'CONVERT_TO_NULL'
    }
    target {
        url env('V2_URL', 'jdbc:postgresql://127.0.0.1:5432/shop_v2')
        user env('V2_USER', 'postgres')
        password env('V2_PASSWORD', '')
        schema 'public'
    }
    settings {
        batchSize 10_000
        parallelism 4
    }

    exclude 'audit_log', ~/tmp_.*/

    table('customers') {
        rename 'user_name', to: 'username'
        ignore 'legacy_field'
        column('email') { it?.trim()?.toLowerCase() }
        where 'deleted = 0'
    }

    after {
        target.execute 'ANALYZE'
    }
}
