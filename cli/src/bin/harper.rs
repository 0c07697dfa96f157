//! `harper`: the command line for harperd.

fn main() -> std::process::ExitCode {
    harper_cli::main()
}
