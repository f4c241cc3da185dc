//! The command line: `serve`, the `admin` commands and the `device` commands.

pub mod admin;
pub mod command;
pub mod device;
pub mod regions;
