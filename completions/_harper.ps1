
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'harper' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'harper'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'harper' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --target; give it before the subcommand (`user add --password` is the new user''s) or in the environment; prompted for on a TTY')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Create a root: config, database, first users and certificates')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start harperd in the background; returns once it answers')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop harperd gracefully; waits until the process is gone')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Stop, then start')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Daemon and clustering state (like `harperdb status`); also of a --target')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Versions of harper and of the running daemon (or of the --target)')
            [CompletionResult]::new('renew-certs', 'renew-certs', [CompletionResultType]::ParameterValue, 'Regenerate the node certificate and key (same CA)')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Clustering: enable, status, network, cluster users')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Nodes: this node''s name, the nodes of the cluster')
            [CompletionResult]::new('route', 'route', [CompletionResultType]::ParameterValue, 'Routes: the other nodes this node dials')
            [CompletionResult]::new('subscribe', 'subscribe', [CompletionResultType]::ParameterValue, 'Subscriptions: which tables flow to and from which nodes')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Streams: the per-table logs that other nodes consume')
            [CompletionResult]::new('database', 'database', [CompletionResultType]::ParameterValue, 'Databases')
            [CompletionResult]::new('table', 'table', [CompletionResultType]::ParameterValue, 'Tables')
            [CompletionResult]::new('insert', 'insert', [CompletionResultType]::ParameterValue, 'Insert records (existing primary keys are skipped)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Update records (merged into existing ones; missing ones are skipped)')
            [CompletionResult]::new('upsert', 'upsert', [CompletionResultType]::ParameterValue, 'Insert or update records')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete records by primary key')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read records by primary key (all attributes)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find records whose attribute matches a value (`*` wildcards)')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Users')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Roles: what users may do, per database, table and attribute')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'The daemon''s log: the last lines, -f to follow (the file, or read_log with --target)')
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Bulk loads, run by the daemon as a job (csv_data_load / csv_file_load)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'The two-node demo: edge and cloud on 127.0.0.1, replication, a cut link, catch-up')
            [CompletionResult]::new('op', 'op', [CompletionResultType]::ParameterValue, 'Run any operation: `harper op describe_table database=dev table=dog`')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write the man pages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;install' {
            [CompletionResult]::new('--admin-username', '--admin-username', [CompletionResultType]::ParameterName, 'The first super user [env: HDB_ADMIN_USERNAME]')
            [CompletionResult]::new('--admin-password', '--admin-password', [CompletionResultType]::ParameterName, 'Its password (visible in the process list; prefer --admin-password-stdin or HDB_ADMIN_PASSWORD) [env: HDB_ADMIN_PASSWORD]')
            [CompletionResult]::new('--node-name', '--node-name', [CompletionResultType]::ParameterName, 'This node''s name (no whitespace, ., ,, * or >) [env: CLUSTERING_NODENAME]')
            [CompletionResult]::new('--cluster-user', '--cluster-user', [CompletionResultType]::ParameterName, 'Create this cluster user and name it in clustering.user [env: CLUSTERING_USER]')
            [CompletionResult]::new('--cluster-password', '--cluster-password', [CompletionResultType]::ParameterName, 'The cluster user''s password (visible in the process list; prefer CLUSTERING_PASSWORD) [env: CLUSTERING_PASSWORD]')
            [CompletionResult]::new('--cluster-port', '--cluster-port', [CompletionResultType]::ParameterName, 'The mesh port (clustering.hubServer.cluster.network.port)')
            [CompletionResult]::new('--operations-port', '--operations-port', [CompletionResultType]::ParameterName, 'The operations API port (operationsApi.network.port)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--admin-password-stdin', '--admin-password-stdin', [CompletionResultType]::ParameterName, 'Read the admin password from standard input')
            [CompletionResult]::new('--enable-clustering', '--enable-clustering', [CompletionResultType]::ParameterName, 'Turn clustering on [env: CLUSTERING_ENABLED]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing installation in the root (its data is deleted)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;start' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--foreground', '--foreground', [CompletionResultType]::ParameterName, 'Run in the foreground, logging to stderr (for containers and service managers)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;stop' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;restart' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;status' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;version' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;renew-certs' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;cluster' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Turn clustering on in the running daemon (a wizard on a TTY)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Turn clustering off (links close; data stays)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Registered nodes and every link (cluster_status); --check for a health check')
            [CompletionResult]::new('network', 'network', [CompletionResultType]::ParameterValue, 'Every node of the mesh with its response time, links and routes (cluster_network)')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Cluster users')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Replace every node and subscription with a list of connections (configure_cluster)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;cluster;enable' {
            [CompletionResult]::new('--node-name', '--node-name', [CompletionResultType]::ParameterName, 'This node''s name')
            [CompletionResult]::new('--cluster-user', '--cluster-user', [CompletionResultType]::ParameterName, 'The cluster user (created when missing) [default: cluster_user]')
            [CompletionResult]::new('--cluster-password', '--cluster-password', [CompletionResultType]::ParameterName, 'Its password; the same on every node (visible in the process list; prefer --cluster-password-stdin or CLUSTERING_PASSWORD) [env: CLUSTERING_PASSWORD]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--cluster-password-stdin', '--cluster-password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;cluster;disable' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;cluster;status' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Health check: exit 0 when clustering runs, every route''s link is up, every registered node answers and every consumer is caught up or streaming; else exit 1 with each problem on stderr, one per line')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;cluster;network' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for answers, ms')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;cluster;user' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a cluster user (role cluster_user); with --use, also name it in clustering.user')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;cluster;user;create' {
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The password (visible in the process list; prefer --password-stdin)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input')
            [CompletionResult]::new('--use', '--use', [CompletionResultType]::ParameterName, 'Also make it this node''s cluster user (clustering.user); every node of the cluster needs the same cluster user and password')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;cluster;user;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a cluster user (role cluster_user); with --use, also name it in clustering.user')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;cluster;user;help;create' {
            break
        }
        'harper;cluster;user;help;help' {
            break
        }
        'harper;cluster;configure' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;cluster;help' {
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Turn clustering on in the running daemon (a wizard on a TTY)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Turn clustering off (links close; data stays)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Registered nodes and every link (cluster_status); --check for a health check')
            [CompletionResult]::new('network', 'network', [CompletionResultType]::ParameterValue, 'Every node of the mesh with its response time, links and routes (cluster_network)')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Cluster users')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Replace every node and subscription with a list of connections (configure_cluster)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;cluster;help;enable' {
            break
        }
        'harper;cluster;help;disable' {
            break
        }
        'harper;cluster;help;status' {
            break
        }
        'harper;cluster;help;network' {
            break
        }
        'harper;cluster;help;user' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a cluster user (role cluster_user); with --use, also name it in clustering.user')
            break
        }
        'harper;cluster;help;user;create' {
            break
        }
        'harper;cluster;help;configure' {
            break
        }
        'harper;cluster;help;help' {
            break
        }
        'harper;node' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('name', 'name', [CompletionResultType]::ParameterValue, 'Show this node''s name, or set it (clustering.nodeName)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Nodes registered and connected, mesh members (linked to this node, or known by gossip only: unconnected), unreachable nodes and why')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Link this node to a node known by gossip: a route to its cluster port (the Studio''s Connect; cluster_set_routes)')
            [CompletionResult]::new('disconnect', 'disconnect', [CompletionResultType]::ParameterValue, 'Remove this node''s routes to a node (the Studio''s Disconnect; cluster_delete_routes)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a node and subscriptions with it (add_node)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set subscriptions with a node, adding it if needed (set_node_replication)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Forget a node and its subscriptions, on both sides (remove_node)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;node;name' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;node;list' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;node;connect' {
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Its host, when the mesh cannot tell it (the port is the one it gossips)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;node;disconnect' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;node;add' {
            [CompletionResult]::new('--publish', '--publish', [CompletionResultType]::ParameterName, 'Tables whose local writes go to the node (repeat)')
            [CompletionResult]::new('--subscribe', '--subscribe', [CompletionResultType]::ParameterName, 'Tables whose writes on the node are applied here (repeat)')
            [CompletionResult]::new('--start-time', '--start-time', [CompletionResultType]::ParameterName, 'Start new consumers at this time (ISO 8601, e.g. 2000-01-01T00:00:00.000Z)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;node;set' {
            [CompletionResult]::new('--publish', '--publish', [CompletionResultType]::ParameterName, 'Tables whose local writes go to the node (repeat)')
            [CompletionResult]::new('--subscribe', '--subscribe', [CompletionResultType]::ParameterName, 'Tables whose writes on the node are applied here (repeat)')
            [CompletionResult]::new('--start-time', '--start-time', [CompletionResultType]::ParameterName, 'Start new consumers at this time (ISO 8601, e.g. 2000-01-01T00:00:00.000Z)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;node;remove' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;node;help' {
            [CompletionResult]::new('name', 'name', [CompletionResultType]::ParameterValue, 'Show this node''s name, or set it (clustering.nodeName)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Nodes registered and connected, mesh members (linked to this node, or known by gossip only: unconnected), unreachable nodes and why')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Link this node to a node known by gossip: a route to its cluster port (the Studio''s Connect; cluster_set_routes)')
            [CompletionResult]::new('disconnect', 'disconnect', [CompletionResultType]::ParameterValue, 'Remove this node''s routes to a node (the Studio''s Disconnect; cluster_delete_routes)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a node and subscriptions with it (add_node)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set subscriptions with a node, adding it if needed (set_node_replication)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Forget a node and its subscriptions, on both sides (remove_node)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;node;help;name' {
            break
        }
        'harper;node;help;list' {
            break
        }
        'harper;node;help;connect' {
            break
        }
        'harper;node;help;disconnect' {
            break
        }
        'harper;node;help;add' {
            break
        }
        'harper;node;help;set' {
            break
        }
        'harper;node;help;remove' {
            break
        }
        'harper;node;help;help' {
            break
        }
        'harper;route' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add routes: this node dials HOST:PORT (cluster_set_routes)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List routes (cluster_get_routes)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove routes (cluster_delete_routes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;route;add' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Which route list')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;route;list' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;route;remove' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;route;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add routes: this node dials HOST:PORT (cluster_set_routes)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List routes (cluster_get_routes)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove routes (cluster_delete_routes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;route;help;add' {
            break
        }
        'harper;route;help;list' {
            break
        }
        'harper;route;help;remove' {
            break
        }
        'harper;route;help;help' {
            break
        }
        'harper;subscribe' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Subscriptions with each node, their consumers and lag; --all for the Studio''s grid')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set both flags of one table with one node (set_node_replication)')
            [CompletionResult]::new('toggle', 'toggle', [CompletionResultType]::ParameterValue, 'Flip one flag of one table with one node; with no arguments on a TTY, pick them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;subscribe;list' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every known node by every table of either side, with publish/subscribe marks and errors (the Studio''s grid)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;subscribe;set' {
            [CompletionResult]::new('--publish', '--publish', [CompletionResultType]::ParameterName, 'Local writes go to the node')
            [CompletionResult]::new('--subscribe', '--subscribe', [CompletionResultType]::ParameterName, 'The node''s writes are applied here')
            [CompletionResult]::new('--start-time', '--start-time', [CompletionResultType]::ParameterName, 'Start a new consumer at this time (ISO 8601)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;subscribe;toggle' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--publish', '--publish', [CompletionResultType]::ParameterName, 'Flip publish')
            [CompletionResult]::new('--subscribe', '--subscribe', [CompletionResultType]::ParameterName, 'Flip subscribe')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;subscribe;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Subscriptions with each node, their consumers and lag; --all for the Studio''s grid')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set both flags of one table with one node (set_node_replication)')
            [CompletionResult]::new('toggle', 'toggle', [CompletionResultType]::ParameterValue, 'Flip one flag of one table with one node; with no arguments on a TTY, pick them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;subscribe;help;list' {
            break
        }
        'harper;subscribe;help;set' {
            break
        }
        'harper;subscribe;help;toggle' {
            break
        }
        'harper;subscribe;help;help' {
            break
        }
        'harper;stream' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Remove entries from this node''s stream of a table (purge_stream; data stays)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'First/last sequence, messages, bytes, and the consumers with their lag')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;stream;purge' {
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep the newest N entries')
            [CompletionResult]::new('--seq', '--seq', [CompletionResultType]::ParameterName, 'Remove the entries below sequence S')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;stream;info' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;stream;help' {
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Remove entries from this node''s stream of a table (purge_stream; data stays)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'First/last sequence, messages, bytes, and the consumers with their lag')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;stream;help;purge' {
            break
        }
        'harper;stream;help;info' {
            break
        }
        'harper;stream;help;help' {
            break
        }
        'harper;database' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a database')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Drop a database and its tables (not replicated)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe a database''s tables')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List databases')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;database;create' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;database;drop' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;database;describe' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;database;list' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;database;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a database')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Drop a database and its tables (not replicated)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe a database''s tables')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List databases')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;database;help;create' {
            break
        }
        'harper;database;help;drop' {
            break
        }
        'harper;database;help;describe' {
            break
        }
        'harper;database;help;list' {
            break
        }
        'harper;database;help;help' {
            break
        }
        'harper;table' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a table (and its database when missing)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Drop a table (not replicated)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe a table')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tables')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;table;create' {
            [CompletionResult]::new('--primary-key', '--primary-key', [CompletionResultType]::ParameterName, 'The primary key attribute')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;table;drop' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;table;describe' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;table;list' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;table;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a table (and its database when missing)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Drop a table (not replicated)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe a table')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tables')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;table;help;create' {
            break
        }
        'harper;table;help;drop' {
            break
        }
        'harper;table;help;describe' {
            break
        }
        'harper;table;help;list' {
            break
        }
        'harper;table;help;help' {
            break
        }
        'harper;insert' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;update' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;upsert' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;delete' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;get' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;search' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;user' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user (add_user)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users (list_users)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Remove a user (drop_user)')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change a user''s password (alter_user)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;user;add' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role name: super_user, cluster_user, or a role added with `harper role add`')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The password (visible in the process list; prefer --password-stdin)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;user;list' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;user;drop' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;user;passwd' {
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The password (visible in the process list; prefer --password-stdin)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;user;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user (add_user)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users (list_users)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Remove a user (drop_user)')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change a user''s password (alter_user)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;user;help;add' {
            break
        }
        'harper;user;help;list' {
            break
        }
        'harper;user;help;drop' {
            break
        }
        'harper;user;help;passwd' {
            break
        }
        'harper;user;help;help' {
            break
        }
        'harper;role' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a role (add_role)')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Replace a role''s permission object, and rename it (alter_role)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Remove a role that no active user holds (drop_role)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List roles and what they permit (list_roles)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;role;add' {
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'The role''s id, which users refer to (default: its name)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the permission object from this file (- for standard input)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;role;alter' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A new name')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the permission object from this file (- for standard input)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;role;drop' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;role;list' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;role;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a role (add_role)')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Replace a role''s permission object, and rename it (alter_role)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Remove a role that no active user holds (drop_role)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List roles and what they permit (list_roles)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;role;help;add' {
            break
        }
        'harper;role;help;alter' {
            break
        }
        'harper;role;help;drop' {
            break
        }
        'harper;role;help;list' {
            break
        }
        'harper;role;help;help' {
            break
        }
        'harper;logs' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Print the last N lines first (entries with --target; with --target and -o json, one read_log entry per line)')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'Print the last N lines first (entries with --target; with --target and -o json, one read_log entry per line)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing what is written to the log until Ctrl-C')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing what is written to the log until Ctrl-C')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;load' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('csv', 'csv', [CompletionResultType]::ParameterValue, 'Load a CSV file (first line: attribute names) into a table')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;load;csv' {
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'What to do with each row')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;load;help' {
            [CompletionResult]::new('csv', 'csv', [CompletionResultType]::ParameterValue, 'Load a CSV file (first line: attribute names) into a table')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;load;help;csv' {
            break
        }
        'harper;load;help;help' {
            break
        }
        'harper;demo' {
            [CompletionResult]::new('--readings', '--readings', [CompletionResultType]::ParameterName, 'Sensor readings to stream while the link is up')
            [CompletionResult]::new('--offline-readings', '--offline-readings', [CompletionResultType]::ParameterName, 'Readings to write while the link is cut')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep the temporary folder (and stop the daemons) instead of deleting it')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;op' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;completions' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write one page per command into DIR (else print harper(1) to stdout)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Administer a remote daemon over TLS (its operations API) instead of the local socket')
            [CompletionResult]::new('--target-ca', '--target-ca', [CompletionResultType]::ParameterName, 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for --target')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Tables without their header row (for `awk` and `cut`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error (exit 2)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'harper;help' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Create a root: config, database, first users and certificates')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start harperd in the background; returns once it answers')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop harperd gracefully; waits until the process is gone')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Stop, then start')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Daemon and clustering state (like `harperdb status`); also of a --target')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Versions of harper and of the running daemon (or of the --target)')
            [CompletionResult]::new('renew-certs', 'renew-certs', [CompletionResultType]::ParameterValue, 'Regenerate the node certificate and key (same CA)')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Clustering: enable, status, network, cluster users')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Nodes: this node''s name, the nodes of the cluster')
            [CompletionResult]::new('route', 'route', [CompletionResultType]::ParameterValue, 'Routes: the other nodes this node dials')
            [CompletionResult]::new('subscribe', 'subscribe', [CompletionResultType]::ParameterValue, 'Subscriptions: which tables flow to and from which nodes')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Streams: the per-table logs that other nodes consume')
            [CompletionResult]::new('database', 'database', [CompletionResultType]::ParameterValue, 'Databases')
            [CompletionResult]::new('table', 'table', [CompletionResultType]::ParameterValue, 'Tables')
            [CompletionResult]::new('insert', 'insert', [CompletionResultType]::ParameterValue, 'Insert records (existing primary keys are skipped)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Update records (merged into existing ones; missing ones are skipped)')
            [CompletionResult]::new('upsert', 'upsert', [CompletionResultType]::ParameterValue, 'Insert or update records')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete records by primary key')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read records by primary key (all attributes)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find records whose attribute matches a value (`*` wildcards)')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Users')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Roles: what users may do, per database, table and attribute')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'The daemon''s log: the last lines, -f to follow (the file, or read_log with --target)')
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Bulk loads, run by the daemon as a job (csv_data_load / csv_file_load)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'The two-node demo: edge and cloud on 127.0.0.1, replication, a cut link, catch-up')
            [CompletionResult]::new('op', 'op', [CompletionResultType]::ParameterValue, 'Run any operation: `harper op describe_table database=dev table=dog`')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write the man pages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'harper;help;install' {
            break
        }
        'harper;help;start' {
            break
        }
        'harper;help;stop' {
            break
        }
        'harper;help;restart' {
            break
        }
        'harper;help;status' {
            break
        }
        'harper;help;version' {
            break
        }
        'harper;help;renew-certs' {
            break
        }
        'harper;help;cluster' {
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Turn clustering on in the running daemon (a wizard on a TTY)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Turn clustering off (links close; data stays)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Registered nodes and every link (cluster_status); --check for a health check')
            [CompletionResult]::new('network', 'network', [CompletionResultType]::ParameterValue, 'Every node of the mesh with its response time, links and routes (cluster_network)')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Cluster users')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Replace every node and subscription with a list of connections (configure_cluster)')
            break
        }
        'harper;help;cluster;enable' {
            break
        }
        'harper;help;cluster;disable' {
            break
        }
        'harper;help;cluster;status' {
            break
        }
        'harper;help;cluster;network' {
            break
        }
        'harper;help;cluster;user' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a cluster user (role cluster_user); with --use, also name it in clustering.user')
            break
        }
        'harper;help;cluster;user;create' {
            break
        }
        'harper;help;cluster;configure' {
            break
        }
        'harper;help;node' {
            [CompletionResult]::new('name', 'name', [CompletionResultType]::ParameterValue, 'Show this node''s name, or set it (clustering.nodeName)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Nodes registered and connected, mesh members (linked to this node, or known by gossip only: unconnected), unreachable nodes and why')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Link this node to a node known by gossip: a route to its cluster port (the Studio''s Connect; cluster_set_routes)')
            [CompletionResult]::new('disconnect', 'disconnect', [CompletionResultType]::ParameterValue, 'Remove this node''s routes to a node (the Studio''s Disconnect; cluster_delete_routes)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a node and subscriptions with it (add_node)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set subscriptions with a node, adding it if needed (set_node_replication)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Forget a node and its subscriptions, on both sides (remove_node)')
            break
        }
        'harper;help;node;name' {
            break
        }
        'harper;help;node;list' {
            break
        }
        'harper;help;node;connect' {
            break
        }
        'harper;help;node;disconnect' {
            break
        }
        'harper;help;node;add' {
            break
        }
        'harper;help;node;set' {
            break
        }
        'harper;help;node;remove' {
            break
        }
        'harper;help;route' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add routes: this node dials HOST:PORT (cluster_set_routes)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List routes (cluster_get_routes)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove routes (cluster_delete_routes)')
            break
        }
        'harper;help;route;add' {
            break
        }
        'harper;help;route;list' {
            break
        }
        'harper;help;route;remove' {
            break
        }
        'harper;help;subscribe' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Subscriptions with each node, their consumers and lag; --all for the Studio''s grid')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set both flags of one table with one node (set_node_replication)')
            [CompletionResult]::new('toggle', 'toggle', [CompletionResultType]::ParameterValue, 'Flip one flag of one table with one node; with no arguments on a TTY, pick them')
            break
        }
        'harper;help;subscribe;list' {
            break
        }
        'harper;help;subscribe;set' {
            break
        }
        'harper;help;subscribe;toggle' {
            break
        }
        'harper;help;stream' {
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Remove entries from this node''s stream of a table (purge_stream; data stays)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'First/last sequence, messages, bytes, and the consumers with their lag')
            break
        }
        'harper;help;stream;purge' {
            break
        }
        'harper;help;stream;info' {
            break
        }
        'harper;help;database' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a database')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Drop a database and its tables (not replicated)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe a database''s tables')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List databases')
            break
        }
        'harper;help;database;create' {
            break
        }
        'harper;help;database;drop' {
            break
        }
        'harper;help;database;describe' {
            break
        }
        'harper;help;database;list' {
            break
        }
        'harper;help;table' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a table (and its database when missing)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Drop a table (not replicated)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe a table')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tables')
            break
        }
        'harper;help;table;create' {
            break
        }
        'harper;help;table;drop' {
            break
        }
        'harper;help;table;describe' {
            break
        }
        'harper;help;table;list' {
            break
        }
        'harper;help;insert' {
            break
        }
        'harper;help;update' {
            break
        }
        'harper;help;upsert' {
            break
        }
        'harper;help;delete' {
            break
        }
        'harper;help;get' {
            break
        }
        'harper;help;search' {
            break
        }
        'harper;help;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user (add_user)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users (list_users)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Remove a user (drop_user)')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change a user''s password (alter_user)')
            break
        }
        'harper;help;user;add' {
            break
        }
        'harper;help;user;list' {
            break
        }
        'harper;help;user;drop' {
            break
        }
        'harper;help;user;passwd' {
            break
        }
        'harper;help;role' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a role (add_role)')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Replace a role''s permission object, and rename it (alter_role)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Remove a role that no active user holds (drop_role)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List roles and what they permit (list_roles)')
            break
        }
        'harper;help;role;add' {
            break
        }
        'harper;help;role;alter' {
            break
        }
        'harper;help;role;drop' {
            break
        }
        'harper;help;role;list' {
            break
        }
        'harper;help;logs' {
            break
        }
        'harper;help;load' {
            [CompletionResult]::new('csv', 'csv', [CompletionResultType]::ParameterValue, 'Load a CSV file (first line: attribute names) into a table')
            break
        }
        'harper;help;load;csv' {
            break
        }
        'harper;help;demo' {
            break
        }
        'harper;help;op' {
            break
        }
        'harper;help;completions' {
            break
        }
        'harper;help;man' {
            break
        }
        'harper;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
