//! The tests that drive real terminals and kill processes: a real PTY
//! (tmux), signals, kills mid-write, a closed input. Apart from the
//! headless ones, so their timing does not share threads with them.

mod common;

mod console_measure;
mod e2e_pty;
mod e2e_signals;
mod input_closed;
mod kill;
