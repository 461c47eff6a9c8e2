// A data version: the legacy customers, reshaped on the way. Its connections come from migrations.groovy.
migration 'move customers', {
    table('customers') {
        rename 'user_name', to: 'username'
        column('email') { it?.trim()?.toLowerCase() ?: null }     // '' becomes NULL
        column('active') { it?.trim()?.toLowerCase() in ['y', 'yes', '1', 'true'] }
    }
}
