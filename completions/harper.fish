# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_harper_global_optspecs
    string join \n root= o/output= no-headers y/yes v/verbose target= target-ca= username= password= token= h/help V/version
end

function __fish_harper_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_harper_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_harper_using_subcommand
    set -l cmd (__fish_harper_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c harper -n "__fish_harper_needs_command" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_needs_command" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_needs_command" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_needs_command" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_needs_command" -l password -d 'Password for --target; give it before the subcommand (`user add --password` is the new user\'s) or in the environment; prompted for on a TTY' -r
complete -c harper -n "__fish_harper_needs_command" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_needs_command" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_needs_command" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_needs_command" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_needs_command" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_needs_command" -f -a "install" -d 'Create a root: config, database, first users and certificates'
complete -c harper -n "__fish_harper_needs_command" -f -a "start" -d 'Start harperd in the background; returns once it answers'
complete -c harper -n "__fish_harper_needs_command" -f -a "stop" -d 'Stop harperd gracefully; waits until the process is gone'
complete -c harper -n "__fish_harper_needs_command" -f -a "restart" -d 'Stop, then start'
complete -c harper -n "__fish_harper_needs_command" -f -a "status" -d 'Daemon and clustering state (like `harperdb status`); also of a --target'
complete -c harper -n "__fish_harper_needs_command" -f -a "version" -d 'Versions of harper and of the running daemon (or of the --target)'
complete -c harper -n "__fish_harper_needs_command" -f -a "renew-certs" -d 'Regenerate the node certificate and key (same CA)'
complete -c harper -n "__fish_harper_needs_command" -f -a "cluster" -d 'Clustering: enable, status, network, cluster users'
complete -c harper -n "__fish_harper_needs_command" -f -a "node" -d 'Nodes: this node\'s name, the nodes of the cluster'
complete -c harper -n "__fish_harper_needs_command" -f -a "route" -d 'Routes: the other nodes this node dials'
complete -c harper -n "__fish_harper_needs_command" -f -a "subscribe" -d 'Subscriptions: which tables flow to and from which nodes'
complete -c harper -n "__fish_harper_needs_command" -f -a "stream" -d 'Streams: the per-table logs that other nodes consume'
complete -c harper -n "__fish_harper_needs_command" -f -a "database" -d 'Databases'
complete -c harper -n "__fish_harper_needs_command" -f -a "table" -d 'Tables'
complete -c harper -n "__fish_harper_needs_command" -f -a "insert" -d 'Insert records (existing primary keys are skipped)'
complete -c harper -n "__fish_harper_needs_command" -f -a "update" -d 'Update records (merged into existing ones; missing ones are skipped)'
complete -c harper -n "__fish_harper_needs_command" -f -a "upsert" -d 'Insert or update records'
complete -c harper -n "__fish_harper_needs_command" -f -a "delete" -d 'Delete records by primary key'
complete -c harper -n "__fish_harper_needs_command" -f -a "get" -d 'Read records by primary key (all attributes)'
complete -c harper -n "__fish_harper_needs_command" -f -a "search" -d 'Find records whose attribute matches a value (`*` wildcards)'
complete -c harper -n "__fish_harper_needs_command" -f -a "user" -d 'Users'
complete -c harper -n "__fish_harper_needs_command" -f -a "role" -d 'Roles: what users may do, per database, table and attribute'
complete -c harper -n "__fish_harper_needs_command" -f -a "logs" -d 'The daemon\'s log: the last lines, -f to follow (the file, or read_log with --target)'
complete -c harper -n "__fish_harper_needs_command" -f -a "load" -d 'Bulk loads, run by the daemon as a job (csv_data_load / csv_file_load)'
complete -c harper -n "__fish_harper_needs_command" -f -a "demo" -d 'The two-node demo: edge and cloud on 127.0.0.1, replication, a cut link, catch-up'
complete -c harper -n "__fish_harper_needs_command" -f -a "op" -d 'Run any operation: `harper op describe_table database=dev table=dog`'
complete -c harper -n "__fish_harper_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c harper -n "__fish_harper_needs_command" -f -a "man" -d 'Write the man pages'
complete -c harper -n "__fish_harper_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand install" -l admin-username -d 'The first super user [env: HDB_ADMIN_USERNAME]' -r
complete -c harper -n "__fish_harper_using_subcommand install" -l admin-password -d 'Its password (visible in the process list; prefer --admin-password-stdin or HDB_ADMIN_PASSWORD) [env: HDB_ADMIN_PASSWORD]' -r
complete -c harper -n "__fish_harper_using_subcommand install" -l node-name -d 'This node\'s name (no whitespace, ., ,, * or >) [env: CLUSTERING_NODENAME]' -r
complete -c harper -n "__fish_harper_using_subcommand install" -l cluster-user -d 'Create this cluster user and name it in clustering.user [env: CLUSTERING_USER]' -r
complete -c harper -n "__fish_harper_using_subcommand install" -l cluster-password -d 'The cluster user\'s password (visible in the process list; prefer CLUSTERING_PASSWORD) [env: CLUSTERING_PASSWORD]' -r
complete -c harper -n "__fish_harper_using_subcommand install" -l cluster-port -d 'The mesh port (clustering.hubServer.cluster.network.port)' -r
complete -c harper -n "__fish_harper_using_subcommand install" -l operations-port -d 'The operations API port (operationsApi.network.port)' -r
complete -c harper -n "__fish_harper_using_subcommand install" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand install" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand install" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand install" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand install" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand install" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand install" -l admin-password-stdin -d 'Read the admin password from standard input'
complete -c harper -n "__fish_harper_using_subcommand install" -l enable-clustering -d 'Turn clustering on [env: CLUSTERING_ENABLED]'
complete -c harper -n "__fish_harper_using_subcommand install" -l force -d 'Replace an existing installation in the root (its data is deleted)'
complete -c harper -n "__fish_harper_using_subcommand install" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand install" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand install" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand install" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand start" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand start" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand start" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand start" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand start" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand start" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand start" -l foreground -d 'Run in the foreground, logging to stderr (for containers and service managers)'
complete -c harper -n "__fish_harper_using_subcommand start" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand start" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand start" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand start" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand stop" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand stop" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand stop" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand stop" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand stop" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand stop" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand stop" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand stop" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand stop" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand stop" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand restart" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand restart" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand restart" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand restart" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand restart" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand restart" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand restart" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand restart" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand restart" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand restart" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand status" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand status" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand status" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand status" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand status" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand status" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand status" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand status" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand status" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand status" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand version" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand version" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand version" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand version" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand version" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand version" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand version" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand version" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand version" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand version" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand renew-certs" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand renew-certs" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand renew-certs" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand renew-certs" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand renew-certs" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand renew-certs" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand renew-certs" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand renew-certs" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand renew-certs" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand renew-certs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand renew-certs" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -f -a "enable" -d 'Turn clustering on in the running daemon (a wizard on a TTY)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -f -a "disable" -d 'Turn clustering off (links close; data stays)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -f -a "status" -d 'Registered nodes and every link (cluster_status); --check for a health check'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -f -a "network" -d 'Every node of the mesh with its response time, links and routes (cluster_network)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -f -a "user" -d 'Cluster users'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -f -a "configure" -d 'Replace every node and subscription with a list of connections (configure_cluster)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and not __fish_seen_subcommand_from enable disable status network user configure help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l node-name -d 'This node\'s name' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l cluster-user -d 'The cluster user (created when missing) [default: cluster_user]' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l cluster-password -d 'Its password; the same on every node (visible in the process list; prefer --cluster-password-stdin or CLUSTERING_PASSWORD) [env: CLUSTERING_PASSWORD]' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l timeout -d 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l cluster-password-stdin -d 'Read the password from standard input'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l wait -d 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from disable" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from disable" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from disable" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from disable" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from disable" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from disable" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from disable" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from disable" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -s w -l watch -d 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -l check -d 'Health check: exit 0 when clustering runs, every route\'s link is up, every registered node answers and every consumer is caught up or streaming; else exit 1 with each problem on stderr, one per line'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -l timeout -d 'How long to wait for answers, ms' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from network" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -f -a "create" -d 'Create a cluster user (role cluster_user); with --use, also name it in clustering.user'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from user" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from configure" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from configure" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from configure" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from configure" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from configure" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from configure" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from configure" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from configure" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from configure" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from configure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from configure" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Turn clustering on in the running daemon (a wizard on a TTY)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Turn clustering off (links close; data stays)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "status" -d 'Registered nodes and every link (cluster_status); --check for a health check'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "network" -d 'Every node of the mesh with its response time, links and routes (cluster_network)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "user" -d 'Cluster users'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "configure" -d 'Replace every node and subscription with a list of connections (configure_cluster)'
complete -c harper -n "__fish_harper_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -f -a "name" -d 'Show this node\'s name, or set it (clustering.nodeName)'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -f -a "list" -d 'Nodes registered and connected, mesh members (linked to this node, or known by gossip only: unconnected), unreachable nodes and why'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -f -a "connect" -d 'Link this node to a node known by gossip: a route to its cluster port (the Studio\'s Connect; cluster_set_routes)'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -f -a "disconnect" -d 'Remove this node\'s routes to a node (the Studio\'s Disconnect; cluster_delete_routes)'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -f -a "add" -d 'Register a node and subscriptions with it (add_node)'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -f -a "set" -d 'Set subscriptions with a node, adding it if needed (set_node_replication)'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -f -a "remove" -d 'Forget a node and its subscriptions, on both sides (remove_node)'
complete -c harper -n "__fish_harper_using_subcommand node; and not __fish_seen_subcommand_from name list connect disconnect add set remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from name" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from name" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from name" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from name" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from name" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from name" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from name" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from name" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from name" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from name" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from name" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -s w -l watch -d 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -l host -d 'Its host, when the mesh cannot tell it (the port is the one it gossips)' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -l timeout -d 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -l wait -d 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from disconnect" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from disconnect" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from disconnect" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from disconnect" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from disconnect" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from disconnect" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from disconnect" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from disconnect" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from disconnect" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from disconnect" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -l publish -d 'Tables whose local writes go to the node (repeat)' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -l subscribe -d 'Tables whose writes on the node are applied here (repeat)' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -l start-time -d 'Start new consumers at this time (ISO 8601, e.g. 2000-01-01T00:00:00.000Z)' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -l timeout -d 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -l wait -d 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -l publish -d 'Tables whose local writes go to the node (repeat)' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -l subscribe -d 'Tables whose writes on the node are applied here (repeat)' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -l start-time -d 'Start new consumers at this time (ISO 8601, e.g. 2000-01-01T00:00:00.000Z)' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -l timeout -d 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -l wait -d 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from remove" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from remove" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from remove" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from remove" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from remove" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from remove" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "name" -d 'Show this node\'s name, or set it (clustering.nodeName)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "list" -d 'Nodes registered and connected, mesh members (linked to this node, or known by gossip only: unconnected), unreachable nodes and why'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Link this node to a node known by gossip: a route to its cluster port (the Studio\'s Connect; cluster_set_routes)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "disconnect" -d 'Remove this node\'s routes to a node (the Studio\'s Disconnect; cluster_delete_routes)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "add" -d 'Register a node and subscriptions with it (add_node)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set subscriptions with a node, adding it if needed (set_node_replication)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Forget a node and its subscriptions, on both sides (remove_node)'
complete -c harper -n "__fish_harper_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add routes: this node dials HOST:PORT (cluster_set_routes)'
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List routes (cluster_get_routes)'
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove routes (cluster_delete_routes)'
complete -c harper -n "__fish_harper_using_subcommand route; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -l server -d 'Which route list' -r -f -a "hub\t''
leaf\t''"
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -l timeout -d 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]' -r
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -l wait -d 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from list" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from list" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from list" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from list" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from list" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from list" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from list" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from remove" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from remove" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from remove" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from remove" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from remove" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from remove" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add routes: this node dials HOST:PORT (cluster_set_routes)'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from help" -f -a "list" -d 'List routes (cluster_get_routes)'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove routes (cluster_delete_routes)'
complete -c harper -n "__fish_harper_using_subcommand route; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -f -a "list" -d 'Subscriptions with each node, their consumers and lag; --all for the Studio\'s grid'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -f -a "set" -d 'Set both flags of one table with one node (set_node_replication)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -f -a "toggle" -d 'Flip one flag of one table with one node; with no arguments on a TTY, pick them'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and not __fish_seen_subcommand_from list set toggle help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -s w -l watch -d 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -l all -d 'Every known node by every table of either side, with publish/subscribe marks and errors (the Studio\'s grid)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -l publish -d 'Local writes go to the node' -r -f -a "true\t''
false\t''"
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -l subscribe -d 'The node\'s writes are applied here' -r -f -a "true\t''
false\t''"
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -l start-time -d 'Start a new consumer at this time (ISO 8601)' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -l publish -d 'Flip publish'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -l subscribe -d 'Flip subscribe'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from toggle" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from help" -f -a "list" -d 'Subscriptions with each node, their consumers and lag; --all for the Studio\'s grid'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set both flags of one table with one node (set_node_replication)'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from help" -f -a "toggle" -d 'Flip one flag of one table with one node; with no arguments on a TTY, pick them'
complete -c harper -n "__fish_harper_using_subcommand subscribe; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -f -a "purge" -d 'Remove entries from this node\'s stream of a table (purge_stream; data stays)'
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -f -a "info" -d 'First/last sequence, messages, bytes, and the consumers with their lag'
complete -c harper -n "__fish_harper_using_subcommand stream; and not __fish_seen_subcommand_from purge info help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -l keep -d 'Keep the newest N entries' -r
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -l seq -d 'Remove the entries below sequence S' -r
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from purge" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from info" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from info" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from info" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from info" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from info" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from info" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from info" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from info" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from info" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "purge" -d 'Remove entries from this node\'s stream of a table (purge_stream; data stays)'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "info" -d 'First/last sequence, messages, bytes, and the consumers with their lag'
complete -c harper -n "__fish_harper_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -f -a "create" -d 'Create a database'
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -f -a "drop" -d 'Drop a database and its tables (not replicated)'
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -f -a "describe" -d 'Describe a database\'s tables'
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -f -a "list" -d 'List databases'
complete -c harper -n "__fish_harper_using_subcommand database; and not __fish_seen_subcommand_from create drop describe list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from create" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from create" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from create" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from create" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from create" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from create" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from create" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from drop" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from drop" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from drop" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from drop" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from drop" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from drop" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from drop" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from drop" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from drop" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from drop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from drop" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from describe" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from describe" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from describe" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from describe" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from describe" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from describe" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from describe" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from describe" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from list" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from list" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from list" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from list" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from list" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from list" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from list" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a database'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from help" -f -a "drop" -d 'Drop a database and its tables (not replicated)'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from help" -f -a "describe" -d 'Describe a database\'s tables'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from help" -f -a "list" -d 'List databases'
complete -c harper -n "__fish_harper_using_subcommand database; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -f -a "create" -d 'Create a table (and its database when missing)'
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -f -a "drop" -d 'Drop a table (not replicated)'
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -f -a "describe" -d 'Describe a table'
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -f -a "list" -d 'List tables'
complete -c harper -n "__fish_harper_using_subcommand table; and not __fish_seen_subcommand_from create drop describe list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -l primary-key -d 'The primary key attribute' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from drop" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from drop" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from drop" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from drop" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from drop" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from drop" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from drop" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from drop" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from drop" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from drop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from drop" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from describe" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from describe" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from describe" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from describe" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from describe" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from describe" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from describe" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from describe" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from list" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from list" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from list" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from list" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from list" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from list" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from list" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a table (and its database when missing)'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "drop" -d 'Drop a table (not replicated)'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "describe" -d 'Describe a table'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tables'
complete -c harper -n "__fish_harper_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand insert" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand insert" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand insert" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand insert" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand insert" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand insert" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand insert" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand insert" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand insert" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand insert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand insert" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand update" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand update" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand update" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand update" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand update" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand update" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand update" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand update" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand update" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand update" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand upsert" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand upsert" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand upsert" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand upsert" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand upsert" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand upsert" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand upsert" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand upsert" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand upsert" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand upsert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand upsert" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand delete" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand delete" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand delete" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand delete" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand delete" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand delete" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand delete" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand delete" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand delete" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand delete" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand get" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand get" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand get" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand get" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand get" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand get" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand get" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand get" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand get" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand get" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand search" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand search" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand search" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand search" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand search" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand search" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand search" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand search" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand search" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand search" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -f -a "add" -d 'Add a user (add_user)'
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -f -a "list" -d 'List users (list_users)'
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -f -a "drop" -d 'Remove a user (drop_user)'
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -f -a "passwd" -d 'Change a user\'s password (alter_user)'
complete -c harper -n "__fish_harper_using_subcommand user; and not __fish_seen_subcommand_from add list drop passwd help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -l role -d 'Role name: super_user, cluster_user, or a role added with `harper role add`' -r -f -a "super_user\t'Every permission'
cluster_user\t'Inter-node authentication only'"
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -l password -d 'The password (visible in the process list; prefer --password-stdin)' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -l password-stdin -d 'Read the password from standard input'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from list" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from list" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from list" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from list" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from list" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from list" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from list" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from drop" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from drop" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from drop" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from drop" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from drop" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from drop" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from drop" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from drop" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from drop" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from drop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from drop" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -l password -d 'The password (visible in the process list; prefer --password-stdin)' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -l password-stdin -d 'Read the password from standard input'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from passwd" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a user (add_user)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users (list_users)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "drop" -d 'Remove a user (drop_user)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Change a user\'s password (alter_user)'
complete -c harper -n "__fish_harper_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -f -a "add" -d 'Add a role (add_role)'
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -f -a "alter" -d 'Replace a role\'s permission object, and rename it (alter_role)'
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -f -a "drop" -d 'Remove a role that no active user holds (drop_role)'
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -f -a "list" -d 'List roles and what they permit (list_roles)'
complete -c harper -n "__fish_harper_using_subcommand role; and not __fish_seen_subcommand_from add alter drop list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -l id -d 'The role\'s id, which users refer to (default: its name)' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -l file -d 'Read the permission object from this file (- for standard input)' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -l name -d 'A new name' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -l file -d 'Read the permission object from this file (- for standard input)' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from alter" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from drop" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from drop" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from drop" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from drop" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from drop" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from drop" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from drop" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from drop" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from drop" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from drop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from drop" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from list" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from list" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from list" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from list" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from list" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from list" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from list" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a role (add_role)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "alter" -d 'Replace a role\'s permission object, and rename it (alter_role)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "drop" -d 'Remove a role that no active user holds (drop_role)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "list" -d 'List roles and what they permit (list_roles)'
complete -c harper -n "__fish_harper_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand logs" -s n -l lines -d 'Print the last N lines first (entries with --target; with --target and -o json, one read_log entry per line)' -r
complete -c harper -n "__fish_harper_using_subcommand logs" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand logs" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand logs" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand logs" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand logs" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand logs" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand logs" -s f -l follow -d 'Keep printing what is written to the log until Ctrl-C'
complete -c harper -n "__fish_harper_using_subcommand logs" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand logs" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand logs" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand logs" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -f -a "csv" -d 'Load a CSV file (first line: attribute names) into a table'
complete -c harper -n "__fish_harper_using_subcommand load; and not __fish_seen_subcommand_from csv help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -l action -d 'What to do with each row' -r -f -a "insert\t'Skip records whose primary key exists'
update\t'Merge into existing records; skip missing ones'
upsert\t'Insert or update'"
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from csv" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from help" -f -a "csv" -d 'Load a CSV file (first line: attribute names) into a table'
complete -c harper -n "__fish_harper_using_subcommand load; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand demo" -l readings -d 'Sensor readings to stream while the link is up' -r
complete -c harper -n "__fish_harper_using_subcommand demo" -l offline-readings -d 'Readings to write while the link is cut' -r
complete -c harper -n "__fish_harper_using_subcommand demo" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand demo" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand demo" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand demo" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand demo" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand demo" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand demo" -l keep -d 'Keep the temporary folder (and stop the daemons) instead of deleting it'
complete -c harper -n "__fish_harper_using_subcommand demo" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand demo" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand demo" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand demo" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand op" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand op" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand op" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand op" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand op" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand op" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand op" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand op" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand op" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand op" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand op" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand completions" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand completions" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand completions" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand completions" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand completions" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand completions" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand completions" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand completions" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand completions" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand man" -l dir -d 'Write one page per command into DIR (else print harper(1) to stdout)' -r -F
complete -c harper -n "__fish_harper_using_subcommand man" -l root -d 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]' -r -F
complete -c harper -n "__fish_harper_using_subcommand man" -s o -l output -d 'Output format' -r -f -a "table\t'For people'
json\t'The operation\'s JSON response, compact, one line'
yaml\t'The same as YAML'"
complete -c harper -n "__fish_harper_using_subcommand man" -l target -d 'Administer a remote daemon over TLS (its operations API) instead of the local socket' -r
complete -c harper -n "__fish_harper_using_subcommand man" -l target-ca -d 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]' -r -F
complete -c harper -n "__fish_harper_using_subcommand man" -l username -d 'User name for --target' -r
complete -c harper -n "__fish_harper_using_subcommand man" -l token -d 'Operation token for --target instead of --username/--password (from the node\'s create_authentication_tokens), sent as `Authorization: Bearer`' -r
complete -c harper -n "__fish_harper_using_subcommand man" -l no-headers -d 'Tables without their header row (for `awk` and `cut`)'
complete -c harper -n "__fish_harper_using_subcommand man" -s y -l yes -d 'Never prompt; a missing value is an error (exit 2)'
complete -c harper -n "__fish_harper_using_subcommand man" -s v -l verbose -d 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
complete -c harper -n "__fish_harper_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c harper -n "__fish_harper_using_subcommand man" -s V -l version -d 'Print version'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "install" -d 'Create a root: config, database, first users and certificates'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "start" -d 'Start harperd in the background; returns once it answers'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "stop" -d 'Stop harperd gracefully; waits until the process is gone'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "restart" -d 'Stop, then start'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "status" -d 'Daemon and clustering state (like `harperdb status`); also of a --target'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "version" -d 'Versions of harper and of the running daemon (or of the --target)'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "renew-certs" -d 'Regenerate the node certificate and key (same CA)'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "cluster" -d 'Clustering: enable, status, network, cluster users'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "node" -d 'Nodes: this node\'s name, the nodes of the cluster'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "route" -d 'Routes: the other nodes this node dials'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "subscribe" -d 'Subscriptions: which tables flow to and from which nodes'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "stream" -d 'Streams: the per-table logs that other nodes consume'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "database" -d 'Databases'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "table" -d 'Tables'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "insert" -d 'Insert records (existing primary keys are skipped)'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "update" -d 'Update records (merged into existing ones; missing ones are skipped)'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "upsert" -d 'Insert or update records'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "delete" -d 'Delete records by primary key'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "get" -d 'Read records by primary key (all attributes)'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "search" -d 'Find records whose attribute matches a value (`*` wildcards)'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "user" -d 'Users'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "role" -d 'Roles: what users may do, per database, table and attribute'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "logs" -d 'The daemon\'s log: the last lines, -f to follow (the file, or read_log with --target)'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "load" -d 'Bulk loads, run by the daemon as a job (csv_data_load / csv_file_load)'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "demo" -d 'The two-node demo: edge and cloud on 127.0.0.1, replication, a cut link, catch-up'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "op" -d 'Run any operation: `harper op describe_table database=dev table=dog`'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "man" -d 'Write the man pages'
complete -c harper -n "__fish_harper_using_subcommand help; and not __fish_seen_subcommand_from install start stop restart status version renew-certs cluster node route subscribe stream database table insert update upsert delete get search user role logs load demo op completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "enable" -d 'Turn clustering on in the running daemon (a wizard on a TTY)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "disable" -d 'Turn clustering off (links close; data stays)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "status" -d 'Registered nodes and every link (cluster_status); --check for a health check'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "network" -d 'Every node of the mesh with its response time, links and routes (cluster_network)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "user" -d 'Cluster users'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "configure" -d 'Replace every node and subscription with a list of connections (configure_cluster)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "name" -d 'Show this node\'s name, or set it (clustering.nodeName)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "list" -d 'Nodes registered and connected, mesh members (linked to this node, or known by gossip only: unconnected), unreachable nodes and why'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "connect" -d 'Link this node to a node known by gossip: a route to its cluster port (the Studio\'s Connect; cluster_set_routes)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "disconnect" -d 'Remove this node\'s routes to a node (the Studio\'s Disconnect; cluster_delete_routes)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "add" -d 'Register a node and subscriptions with it (add_node)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "set" -d 'Set subscriptions with a node, adding it if needed (set_node_replication)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "remove" -d 'Forget a node and its subscriptions, on both sides (remove_node)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from route" -f -a "add" -d 'Add routes: this node dials HOST:PORT (cluster_set_routes)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from route" -f -a "list" -d 'List routes (cluster_get_routes)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from route" -f -a "remove" -d 'Remove routes (cluster_delete_routes)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from subscribe" -f -a "list" -d 'Subscriptions with each node, their consumers and lag; --all for the Studio\'s grid'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from subscribe" -f -a "set" -d 'Set both flags of one table with one node (set_node_replication)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from subscribe" -f -a "toggle" -d 'Flip one flag of one table with one node; with no arguments on a TTY, pick them'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "purge" -d 'Remove entries from this node\'s stream of a table (purge_stream; data stays)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "info" -d 'First/last sequence, messages, bytes, and the consumers with their lag'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from database" -f -a "create" -d 'Create a database'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from database" -f -a "drop" -d 'Drop a database and its tables (not replicated)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from database" -f -a "describe" -d 'Describe a database\'s tables'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from database" -f -a "list" -d 'List databases'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from table" -f -a "create" -d 'Create a table (and its database when missing)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from table" -f -a "drop" -d 'Drop a table (not replicated)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from table" -f -a "describe" -d 'Describe a table'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from table" -f -a "list" -d 'List tables'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "add" -d 'Add a user (add_user)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List users (list_users)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "drop" -d 'Remove a user (drop_user)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "passwd" -d 'Change a user\'s password (alter_user)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "add" -d 'Add a role (add_role)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "alter" -d 'Replace a role\'s permission object, and rename it (alter_role)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "drop" -d 'Remove a role that no active user holds (drop_role)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "list" -d 'List roles and what they permit (list_roles)'
complete -c harper -n "__fish_harper_using_subcommand help; and __fish_seen_subcommand_from load" -f -a "csv" -d 'Load a CSV file (first line: attribute names) into a table'
