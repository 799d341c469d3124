fn main() -> std::process::ExitCode {
    sensemap::cli::main()
}
