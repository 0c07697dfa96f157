
use builtin;
use str;

set edit:completion:arg-completer[harper] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'harper'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'harper'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --password 'Password for --target; give it before the subcommand (`user add --password` is the new user''s) or in the environment; prompted for on a TTY'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand install 'Create a root: config, database, first users and certificates'
            cand start 'Start harperd in the background; returns once it answers'
            cand stop 'Stop harperd gracefully; waits until the process is gone'
            cand restart 'Stop, then start'
            cand status 'Daemon and clustering state (like `harperdb status`); also of a --target'
            cand version 'Versions of harper and of the running daemon (or of the --target)'
            cand renew-certs 'Regenerate the node certificate and key (same CA)'
            cand cluster 'Clustering: enable, status, network, cluster users'
            cand node 'Nodes: this node''s name, the nodes of the cluster'
            cand route 'Routes: the other nodes this node dials'
            cand subscribe 'Subscriptions: which tables flow to and from which nodes'
            cand stream 'Streams: the per-table logs that other nodes consume'
            cand database 'Databases'
            cand table 'Tables'
            cand insert 'Insert records (existing primary keys are skipped)'
            cand update 'Update records (merged into existing ones; missing ones are skipped)'
            cand upsert 'Insert or update records'
            cand delete 'Delete records by primary key'
            cand get 'Read records by primary key (all attributes)'
            cand search 'Find records whose attribute matches a value (`*` wildcards)'
            cand user 'Users'
            cand role 'Roles: what users may do, per database, table and attribute'
            cand logs 'The daemon''s log: the last lines, -f to follow (the file, or read_log with --target)'
            cand load 'Bulk loads, run by the daemon as a job (csv_data_load / csv_file_load)'
            cand demo 'The two-node demo: edge and cloud on 127.0.0.1, replication, a cut link, catch-up'
            cand op 'Run any operation: `harper op describe_table database=dev table=dog`'
            cand completions 'Print a shell completion script'
            cand man 'Write the man pages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;install'= {
            cand --admin-username 'The first super user [env: HDB_ADMIN_USERNAME]'
            cand --admin-password 'Its password (visible in the process list; prefer --admin-password-stdin or HDB_ADMIN_PASSWORD) [env: HDB_ADMIN_PASSWORD]'
            cand --node-name 'This node''s name (no whitespace, ., ,, * or >) [env: CLUSTERING_NODENAME]'
            cand --cluster-user 'Create this cluster user and name it in clustering.user [env: CLUSTERING_USER]'
            cand --cluster-password 'The cluster user''s password (visible in the process list; prefer CLUSTERING_PASSWORD) [env: CLUSTERING_PASSWORD]'
            cand --cluster-port 'The mesh port (clustering.hubServer.cluster.network.port)'
            cand --operations-port 'The operations API port (operationsApi.network.port)'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --admin-password-stdin 'Read the admin password from standard input'
            cand --enable-clustering 'Turn clustering on [env: CLUSTERING_ENABLED]'
            cand --force 'Replace an existing installation in the root (its data is deleted)'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;start'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --foreground 'Run in the foreground, logging to stderr (for containers and service managers)'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;stop'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;restart'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;status'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;version'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;renew-certs'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;cluster'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand enable 'Turn clustering on in the running daemon (a wizard on a TTY)'
            cand disable 'Turn clustering off (links close; data stays)'
            cand status 'Registered nodes and every link (cluster_status); --check for a health check'
            cand network 'Every node of the mesh with its response time, links and routes (cluster_network)'
            cand user 'Cluster users'
            cand configure 'Replace every node and subscription with a list of connections (configure_cluster)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;cluster;enable'= {
            cand --node-name 'This node''s name'
            cand --cluster-user 'The cluster user (created when missing) [default: cluster_user]'
            cand --cluster-password 'Its password; the same on every node (visible in the process list; prefer --cluster-password-stdin or CLUSTERING_PASSWORD) [env: CLUSTERING_PASSWORD]'
            cand --timeout 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --cluster-password-stdin 'Read the password from standard input'
            cand --wait 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;cluster;disable'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;cluster;status'= {
            cand -w 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal'
            cand --watch 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --check 'Health check: exit 0 when clustering runs, every route''s link is up, every registered node answers and every consumer is caught up or streaming; else exit 1 with each problem on stderr, one per line'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;cluster;network'= {
            cand --timeout 'How long to wait for answers, ms'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;cluster;user'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a cluster user (role cluster_user); with --use, also name it in clustering.user'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;cluster;user;create'= {
            cand --password 'The password (visible in the process list; prefer --password-stdin)'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --password-stdin 'Read the password from standard input'
            cand --use 'Also make it this node''s cluster user (clustering.user); every node of the cluster needs the same cluster user and password'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;cluster;user;help'= {
            cand create 'Create a cluster user (role cluster_user); with --use, also name it in clustering.user'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;cluster;user;help;create'= {
        }
        &'harper;cluster;user;help;help'= {
        }
        &'harper;cluster;configure'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;cluster;help'= {
            cand enable 'Turn clustering on in the running daemon (a wizard on a TTY)'
            cand disable 'Turn clustering off (links close; data stays)'
            cand status 'Registered nodes and every link (cluster_status); --check for a health check'
            cand network 'Every node of the mesh with its response time, links and routes (cluster_network)'
            cand user 'Cluster users'
            cand configure 'Replace every node and subscription with a list of connections (configure_cluster)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;cluster;help;enable'= {
        }
        &'harper;cluster;help;disable'= {
        }
        &'harper;cluster;help;status'= {
        }
        &'harper;cluster;help;network'= {
        }
        &'harper;cluster;help;user'= {
            cand create 'Create a cluster user (role cluster_user); with --use, also name it in clustering.user'
        }
        &'harper;cluster;help;user;create'= {
        }
        &'harper;cluster;help;configure'= {
        }
        &'harper;cluster;help;help'= {
        }
        &'harper;node'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand name 'Show this node''s name, or set it (clustering.nodeName)'
            cand list 'Nodes registered and connected, mesh members (linked to this node, or known by gossip only: unconnected), unreachable nodes and why'
            cand connect 'Link this node to a node known by gossip: a route to its cluster port (the Studio''s Connect; cluster_set_routes)'
            cand disconnect 'Remove this node''s routes to a node (the Studio''s Disconnect; cluster_delete_routes)'
            cand add 'Register a node and subscriptions with it (add_node)'
            cand set 'Set subscriptions with a node, adding it if needed (set_node_replication)'
            cand remove 'Forget a node and its subscriptions, on both sides (remove_node)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;node;name'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;node;list'= {
            cand -w 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal'
            cand --watch 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;node;connect'= {
            cand --host 'Its host, when the mesh cannot tell it (the port is the one it gossips)'
            cand --timeout 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --wait 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;node;disconnect'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;node;add'= {
            cand --publish 'Tables whose local writes go to the node (repeat)'
            cand --subscribe 'Tables whose writes on the node are applied here (repeat)'
            cand --start-time 'Start new consumers at this time (ISO 8601, e.g. 2000-01-01T00:00:00.000Z)'
            cand --timeout 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --wait 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;node;set'= {
            cand --publish 'Tables whose local writes go to the node (repeat)'
            cand --subscribe 'Tables whose writes on the node are applied here (repeat)'
            cand --start-time 'Start new consumers at this time (ISO 8601, e.g. 2000-01-01T00:00:00.000Z)'
            cand --timeout 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --wait 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;node;remove'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;node;help'= {
            cand name 'Show this node''s name, or set it (clustering.nodeName)'
            cand list 'Nodes registered and connected, mesh members (linked to this node, or known by gossip only: unconnected), unreachable nodes and why'
            cand connect 'Link this node to a node known by gossip: a route to its cluster port (the Studio''s Connect; cluster_set_routes)'
            cand disconnect 'Remove this node''s routes to a node (the Studio''s Disconnect; cluster_delete_routes)'
            cand add 'Register a node and subscriptions with it (add_node)'
            cand set 'Set subscriptions with a node, adding it if needed (set_node_replication)'
            cand remove 'Forget a node and its subscriptions, on both sides (remove_node)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;node;help;name'= {
        }
        &'harper;node;help;list'= {
        }
        &'harper;node;help;connect'= {
        }
        &'harper;node;help;disconnect'= {
        }
        &'harper;node;help;add'= {
        }
        &'harper;node;help;set'= {
        }
        &'harper;node;help;remove'= {
        }
        &'harper;node;help;help'= {
        }
        &'harper;route'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add routes: this node dials HOST:PORT (cluster_set_routes)'
            cand list 'List routes (cluster_get_routes)'
            cand remove 'Remove routes (cluster_delete_routes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;route;add'= {
            cand --server 'Which route list'
            cand --timeout 'How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for consumers]'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --wait 'Wait until the links are up and the consumers caught up (progress on stderr). A dial that fails (connection refused: the node may be starting) is shown and retried until the timeout; a refusal by the other node (credentials, name, version) ends the wait at once with exit 1'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;route;list'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;route;remove'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;route;help'= {
            cand add 'Add routes: this node dials HOST:PORT (cluster_set_routes)'
            cand list 'List routes (cluster_get_routes)'
            cand remove 'Remove routes (cluster_delete_routes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;route;help;add'= {
        }
        &'harper;route;help;list'= {
        }
        &'harper;route;help;remove'= {
        }
        &'harper;route;help;help'= {
        }
        &'harper;subscribe'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Subscriptions with each node, their consumers and lag; --all for the Studio''s grid'
            cand set 'Set both flags of one table with one node (set_node_replication)'
            cand toggle 'Flip one flag of one table with one node; with no arguments on a TTY, pick them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;subscribe;list'= {
            cand -w 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal'
            cand --watch 'Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json or when stdout is not a terminal'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --all 'Every known node by every table of either side, with publish/subscribe marks and errors (the Studio''s grid)'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;subscribe;set'= {
            cand --publish 'Local writes go to the node'
            cand --subscribe 'The node''s writes are applied here'
            cand --start-time 'Start a new consumer at this time (ISO 8601)'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;subscribe;toggle'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --publish 'Flip publish'
            cand --subscribe 'Flip subscribe'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;subscribe;help'= {
            cand list 'Subscriptions with each node, their consumers and lag; --all for the Studio''s grid'
            cand set 'Set both flags of one table with one node (set_node_replication)'
            cand toggle 'Flip one flag of one table with one node; with no arguments on a TTY, pick them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;subscribe;help;list'= {
        }
        &'harper;subscribe;help;set'= {
        }
        &'harper;subscribe;help;toggle'= {
        }
        &'harper;subscribe;help;help'= {
        }
        &'harper;stream'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand purge 'Remove entries from this node''s stream of a table (purge_stream; data stays)'
            cand info 'First/last sequence, messages, bytes, and the consumers with their lag'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;stream;purge'= {
            cand --keep 'Keep the newest N entries'
            cand --seq 'Remove the entries below sequence S'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;stream;info'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;stream;help'= {
            cand purge 'Remove entries from this node''s stream of a table (purge_stream; data stays)'
            cand info 'First/last sequence, messages, bytes, and the consumers with their lag'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;stream;help;purge'= {
        }
        &'harper;stream;help;info'= {
        }
        &'harper;stream;help;help'= {
        }
        &'harper;database'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a database'
            cand drop 'Drop a database and its tables (not replicated)'
            cand describe 'Describe a database''s tables'
            cand list 'List databases'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;database;create'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;database;drop'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;database;describe'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;database;list'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;database;help'= {
            cand create 'Create a database'
            cand drop 'Drop a database and its tables (not replicated)'
            cand describe 'Describe a database''s tables'
            cand list 'List databases'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;database;help;create'= {
        }
        &'harper;database;help;drop'= {
        }
        &'harper;database;help;describe'= {
        }
        &'harper;database;help;list'= {
        }
        &'harper;database;help;help'= {
        }
        &'harper;table'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a table (and its database when missing)'
            cand drop 'Drop a table (not replicated)'
            cand describe 'Describe a table'
            cand list 'List tables'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;table;create'= {
            cand --primary-key 'The primary key attribute'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;table;drop'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;table;describe'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;table;list'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;table;help'= {
            cand create 'Create a table (and its database when missing)'
            cand drop 'Drop a table (not replicated)'
            cand describe 'Describe a table'
            cand list 'List tables'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;table;help;create'= {
        }
        &'harper;table;help;drop'= {
        }
        &'harper;table;help;describe'= {
        }
        &'harper;table;help;list'= {
        }
        &'harper;table;help;help'= {
        }
        &'harper;insert'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;update'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;upsert'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;delete'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;get'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;search'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;user'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a user (add_user)'
            cand list 'List users (list_users)'
            cand drop 'Remove a user (drop_user)'
            cand passwd 'Change a user''s password (alter_user)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;user;add'= {
            cand --role 'Role name: super_user, cluster_user, or a role added with `harper role add`'
            cand --password 'The password (visible in the process list; prefer --password-stdin)'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --password-stdin 'Read the password from standard input'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;user;list'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;user;drop'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;user;passwd'= {
            cand --password 'The password (visible in the process list; prefer --password-stdin)'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --password-stdin 'Read the password from standard input'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;user;help'= {
            cand add 'Add a user (add_user)'
            cand list 'List users (list_users)'
            cand drop 'Remove a user (drop_user)'
            cand passwd 'Change a user''s password (alter_user)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;user;help;add'= {
        }
        &'harper;user;help;list'= {
        }
        &'harper;user;help;drop'= {
        }
        &'harper;user;help;passwd'= {
        }
        &'harper;user;help;help'= {
        }
        &'harper;role'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a role (add_role)'
            cand alter 'Replace a role''s permission object, and rename it (alter_role)'
            cand drop 'Remove a role that no active user holds (drop_role)'
            cand list 'List roles and what they permit (list_roles)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;role;add'= {
            cand --id 'The role''s id, which users refer to (default: its name)'
            cand --file 'Read the permission object from this file (- for standard input)'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;role;alter'= {
            cand --name 'A new name'
            cand --file 'Read the permission object from this file (- for standard input)'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;role;drop'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;role;list'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;role;help'= {
            cand add 'Add a role (add_role)'
            cand alter 'Replace a role''s permission object, and rename it (alter_role)'
            cand drop 'Remove a role that no active user holds (drop_role)'
            cand list 'List roles and what they permit (list_roles)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;role;help;add'= {
        }
        &'harper;role;help;alter'= {
        }
        &'harper;role;help;drop'= {
        }
        &'harper;role;help;list'= {
        }
        &'harper;role;help;help'= {
        }
        &'harper;logs'= {
            cand -n 'Print the last N lines first (entries with --target; with --target and -o json, one read_log entry per line)'
            cand --lines 'Print the last N lines first (entries with --target; with --target and -o json, one read_log entry per line)'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand -f 'Keep printing what is written to the log until Ctrl-C'
            cand --follow 'Keep printing what is written to the log until Ctrl-C'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;load'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand csv 'Load a CSV file (first line: attribute names) into a table'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;load;csv'= {
            cand --action 'What to do with each row'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;load;help'= {
            cand csv 'Load a CSV file (first line: attribute names) into a table'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;load;help;csv'= {
        }
        &'harper;load;help;help'= {
        }
        &'harper;demo'= {
            cand --readings 'Sensor readings to stream while the link is up'
            cand --offline-readings 'Readings to write while the link is cut'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --keep 'Keep the temporary folder (and stop the daemons) instead of deleting it'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;op'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;completions'= {
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;man'= {
            cand --dir 'Write one page per command into DIR (else print harper(1) to stdout)'
            cand --root 'Root folder of the installation [default: ~/hdb; also $ROOTPATH]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Administer a remote daemon over TLS (its operations API) instead of the local socket'
            cand --target-ca 'CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]'
            cand --username 'User name for --target'
            cand --token 'Operation token for --target instead of --username/--password (from the node''s create_authentication_tokens), sent as `Authorization: Bearer`'
            cand --no-headers 'Tables without their header row (for `awk` and `cut`)'
            cand -y 'Never prompt; a missing value is an error (exit 2)'
            cand --yes 'Never prompt; a missing value is an error (exit 2)'
            cand -v 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand --verbose 'Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'harper;help'= {
            cand install 'Create a root: config, database, first users and certificates'
            cand start 'Start harperd in the background; returns once it answers'
            cand stop 'Stop harperd gracefully; waits until the process is gone'
            cand restart 'Stop, then start'
            cand status 'Daemon and clustering state (like `harperdb status`); also of a --target'
            cand version 'Versions of harper and of the running daemon (or of the --target)'
            cand renew-certs 'Regenerate the node certificate and key (same CA)'
            cand cluster 'Clustering: enable, status, network, cluster users'
            cand node 'Nodes: this node''s name, the nodes of the cluster'
            cand route 'Routes: the other nodes this node dials'
            cand subscribe 'Subscriptions: which tables flow to and from which nodes'
            cand stream 'Streams: the per-table logs that other nodes consume'
            cand database 'Databases'
            cand table 'Tables'
            cand insert 'Insert records (existing primary keys are skipped)'
            cand update 'Update records (merged into existing ones; missing ones are skipped)'
            cand upsert 'Insert or update records'
            cand delete 'Delete records by primary key'
            cand get 'Read records by primary key (all attributes)'
            cand search 'Find records whose attribute matches a value (`*` wildcards)'
            cand user 'Users'
            cand role 'Roles: what users may do, per database, table and attribute'
            cand logs 'The daemon''s log: the last lines, -f to follow (the file, or read_log with --target)'
            cand load 'Bulk loads, run by the daemon as a job (csv_data_load / csv_file_load)'
            cand demo 'The two-node demo: edge and cloud on 127.0.0.1, replication, a cut link, catch-up'
            cand op 'Run any operation: `harper op describe_table database=dev table=dog`'
            cand completions 'Print a shell completion script'
            cand man 'Write the man pages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'harper;help;install'= {
        }
        &'harper;help;start'= {
        }
        &'harper;help;stop'= {
        }
        &'harper;help;restart'= {
        }
        &'harper;help;status'= {
        }
        &'harper;help;version'= {
        }
        &'harper;help;renew-certs'= {
        }
        &'harper;help;cluster'= {
            cand enable 'Turn clustering on in the running daemon (a wizard on a TTY)'
            cand disable 'Turn clustering off (links close; data stays)'
            cand status 'Registered nodes and every link (cluster_status); --check for a health check'
            cand network 'Every node of the mesh with its response time, links and routes (cluster_network)'
            cand user 'Cluster users'
            cand configure 'Replace every node and subscription with a list of connections (configure_cluster)'
        }
        &'harper;help;cluster;enable'= {
        }
        &'harper;help;cluster;disable'= {
        }
        &'harper;help;cluster;status'= {
        }
        &'harper;help;cluster;network'= {
        }
        &'harper;help;cluster;user'= {
            cand create 'Create a cluster user (role cluster_user); with --use, also name it in clustering.user'
        }
        &'harper;help;cluster;user;create'= {
        }
        &'harper;help;cluster;configure'= {
        }
        &'harper;help;node'= {
            cand name 'Show this node''s name, or set it (clustering.nodeName)'
            cand list 'Nodes registered and connected, mesh members (linked to this node, or known by gossip only: unconnected), unreachable nodes and why'
            cand connect 'Link this node to a node known by gossip: a route to its cluster port (the Studio''s Connect; cluster_set_routes)'
            cand disconnect 'Remove this node''s routes to a node (the Studio''s Disconnect; cluster_delete_routes)'
            cand add 'Register a node and subscriptions with it (add_node)'
            cand set 'Set subscriptions with a node, adding it if needed (set_node_replication)'
            cand remove 'Forget a node and its subscriptions, on both sides (remove_node)'
        }
        &'harper;help;node;name'= {
        }
        &'harper;help;node;list'= {
        }
        &'harper;help;node;connect'= {
        }
        &'harper;help;node;disconnect'= {
        }
        &'harper;help;node;add'= {
        }
        &'harper;help;node;set'= {
        }
        &'harper;help;node;remove'= {
        }
        &'harper;help;route'= {
            cand add 'Add routes: this node dials HOST:PORT (cluster_set_routes)'
            cand list 'List routes (cluster_get_routes)'
            cand remove 'Remove routes (cluster_delete_routes)'
        }
        &'harper;help;route;add'= {
        }
        &'harper;help;route;list'= {
        }
        &'harper;help;route;remove'= {
        }
        &'harper;help;subscribe'= {
            cand list 'Subscriptions with each node, their consumers and lag; --all for the Studio''s grid'
            cand set 'Set both flags of one table with one node (set_node_replication)'
            cand toggle 'Flip one flag of one table with one node; with no arguments on a TTY, pick them'
        }
        &'harper;help;subscribe;list'= {
        }
        &'harper;help;subscribe;set'= {
        }
        &'harper;help;subscribe;toggle'= {
        }
        &'harper;help;stream'= {
            cand purge 'Remove entries from this node''s stream of a table (purge_stream; data stays)'
            cand info 'First/last sequence, messages, bytes, and the consumers with their lag'
        }
        &'harper;help;stream;purge'= {
        }
        &'harper;help;stream;info'= {
        }
        &'harper;help;database'= {
            cand create 'Create a database'
            cand drop 'Drop a database and its tables (not replicated)'
            cand describe 'Describe a database''s tables'
            cand list 'List databases'
        }
        &'harper;help;database;create'= {
        }
        &'harper;help;database;drop'= {
        }
        &'harper;help;database;describe'= {
        }
        &'harper;help;database;list'= {
        }
        &'harper;help;table'= {
            cand create 'Create a table (and its database when missing)'
            cand drop 'Drop a table (not replicated)'
            cand describe 'Describe a table'
            cand list 'List tables'
        }
        &'harper;help;table;create'= {
        }
        &'harper;help;table;drop'= {
        }
        &'harper;help;table;describe'= {
        }
        &'harper;help;table;list'= {
        }
        &'harper;help;insert'= {
        }
        &'harper;help;update'= {
        }
        &'harper;help;upsert'= {
        }
        &'harper;help;delete'= {
        }
        &'harper;help;get'= {
        }
        &'harper;help;search'= {
        }
        &'harper;help;user'= {
            cand add 'Add a user (add_user)'
            cand list 'List users (list_users)'
            cand drop 'Remove a user (drop_user)'
            cand passwd 'Change a user''s password (alter_user)'
        }
        &'harper;help;user;add'= {
        }
        &'harper;help;user;list'= {
        }
        &'harper;help;user;drop'= {
        }
        &'harper;help;user;passwd'= {
        }
        &'harper;help;role'= {
            cand add 'Add a role (add_role)'
            cand alter 'Replace a role''s permission object, and rename it (alter_role)'
            cand drop 'Remove a role that no active user holds (drop_role)'
            cand list 'List roles and what they permit (list_roles)'
        }
        &'harper;help;role;add'= {
        }
        &'harper;help;role;alter'= {
        }
        &'harper;help;role;drop'= {
        }
        &'harper;help;role;list'= {
        }
        &'harper;help;logs'= {
        }
        &'harper;help;load'= {
            cand csv 'Load a CSV file (first line: attribute names) into a table'
        }
        &'harper;help;load;csv'= {
        }
        &'harper;help;demo'= {
        }
        &'harper;help;op'= {
        }
        &'harper;help;completions'= {
        }
        &'harper;help;man'= {
        }
        &'harper;help;help'= {
        }
    ]
    $completions[$command]
}
