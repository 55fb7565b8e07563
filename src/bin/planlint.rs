//! The `planlint` command line.
fn main() {}
