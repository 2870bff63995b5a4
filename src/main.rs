//! Entry point: no logic here, only dispatch.

fn main() {
    std::process::exit(oqscert::cli::run(std::env::args_os().collect()));
}
