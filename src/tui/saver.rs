//! Saves progress on one background thread, in order, so an older state
//! never overwrites a newer one. Every save goes through it, the one on
//! SIGTERM/SIGHUP too.
//!
//! A panic (in the event loop or in a background task) must not lose what
//! was typed: each state handed to the saver is also kept as the "latest"
//! (numbered), and `install_panic_flush` adds a panic hook that writes the
//! latest state before the process ends (release builds abort on panic).
//! States carry a sequence number and whatever writes one records it, so
//! neither the hook nor the thread ever writes an older state over a newer.

use crate::cert::progress::{Progress, ProgressStore};
use crate::ops::Failure;
use crate::wizard::Msg;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;

/// What the saver thread and the panic hook share.
struct Shared {
    store: ProgressStore,
    /// The newest state handed to the saver, and its number.
    latest: Mutex<(u64, Option<Progress>)>,
    /// The number of the newest state written; held while writing.
    written: Mutex<u64>,
    /// Signalled after each write (for `Waiter`).
    landed: Condvar,
}

impl Shared {
    /// Write `p` (number `seq`) unless something newer is already written.
    fn write(&self, seq: u64, p: &mut Progress) -> crate::cert::error::Result<()> {
        let mut written = self.written.lock().unwrap_or_else(PoisonError::into_inner);
        if seq <= *written {
            return Ok(());
        }
        self.store.save(p)?;
        *written = seq;
        self.landed.notify_all();
        Ok(())
    }

    /// From the panic hook: write the latest state if it is not yet
    /// written. Never blocks for long (the panic may have happened while
    /// a lock was held, on this very thread).
    fn flush_latest(&self) {
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut written = loop {
            match self.written.try_lock() {
                Ok(g) => break g,
                Err(std::sync::TryLockError::Poisoned(p)) => break p.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(std::sync::TryLockError::WouldBlock) => return,
            }
        };
        let latest = match self.latest.try_lock() {
            Ok(mut g) => {
                let seq = g.0;
                g.1.take().map(|p| (seq, p))
            }
            Err(std::sync::TryLockError::Poisoned(p)) => {
                let mut g = p.into_inner();
                let seq = g.0;
                g.1.take().map(|p| (seq, p))
            }
            Err(std::sync::TryLockError::WouldBlock) => None,
        };
        if let Some((seq, mut p)) = latest
            && seq > *written
            && self.store.save(&mut p).is_ok()
        {
            *written = seq;
        }
    }
}

/// The saver whose latest state a panic writes (the wizard's; one per
/// process).
static PANIC_TARGET: Mutex<Option<Arc<Shared>>> = Mutex::new(None);

pub struct Saver {
    tx: std::sync::mpsc::Sender<(u64, Progress)>,
    handle: std::thread::JoinHandle<()>,
    shared: Arc<Shared>,
    next: u64,
}

impl Saver {
    pub fn start(store: ProgressStore, reply: UnboundedSender<Msg>) -> Saver {
        let (tx, rx) = std::sync::mpsc::channel::<(u64, Progress)>();
        let shared = Arc::new(Shared {
            store,
            latest: Mutex::new((0, None)),
            written: Mutex::new(0),
            landed: Condvar::new(),
        });
        let thread_shared = Arc::clone(&shared);
        let handle = std::thread::spawn(move || {
            while let Ok(mut next) = rx.recv() {
                // Only the newest queued state matters.
                while let Ok(newer) = rx.try_recv() {
                    next = newer;
                }
                let (seq, mut p) = next;
                let r = thread_shared.write(seq, &mut p).map_err(Failure::from);
                let _ = reply.send(Msg::Saved(r));
            }
        });
        Saver {
            tx,
            handle,
            shared,
            next: 0,
        }
    }

    pub fn save(&mut self, p: Progress) {
        self.next += 1;
        {
            let mut latest = self
                .shared
                .latest
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            *latest = (self.next, Some(p.clone()));
        }
        let _ = self.tx.send((self.next, p));
    }

    /// Make a panic anywhere in the process write this saver's latest
    /// state first, then run the hook that was there (ratatui's, which
    /// restores the terminal).
    pub fn install_panic_flush(&self) {
        *PANIC_TARGET.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(Arc::clone(&self.shared));
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let target = match PANIC_TARGET.try_lock() {
                Ok(g) => g.clone(),
                Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner().clone(),
                Err(std::sync::TryLockError::WouldBlock) => None,
            };
            if let Some(shared) = target {
                shared.flush_latest();
            }
            previous(info);
        }));
    }

    /// Something to wait on, off the UI thread, until every state queued
    /// so far has been written (before the wizard lets go of a profile).
    pub fn waiter(&self) -> Waiter {
        Waiter {
            shared: Arc::clone(&self.shared),
            seq: self.next,
        }
    }

    /// Wait until every queued save has landed.
    pub fn finish(self) {
        drop(self.tx);
        let _ = self.handle.join();
        *PANIC_TARGET.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

/// See `Saver::waiter`.
pub struct Waiter {
    shared: Arc<Shared>,
    seq: u64,
}

impl Waiter {
    /// Whether the states landed within `limit` (a failed save never
    /// lands: its error is on screen already, and the caller goes on).
    pub fn wait(&self, limit: Duration) -> bool {
        let written = self
            .shared
            .written
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (w, _) = self
            .shared
            .landed
            .wait_timeout_while(written, limit, |w| *w < self.seq)
            .unwrap_or_else(PoisonError::into_inner);
        *w >= self.seq
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many states queued at once (typing fast, then SIGTERM): the file
    /// ends with the newest, never an older one that was behind it.
    #[test]
    fn the_newest_state_lands_last() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::new(dir.path());
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut saver = Saver::start(store.clone(), tx);
        for i in 0..200 {
            let mut p = Progress::new("default");
            p.institution.name = format!("state {i}");
            saver.save(p);
        }
        saver.finish();
        let last = store.load("default").unwrap().unwrap();
        assert_eq!(last.institution.name, "state 199");
        let mut answers = 0;
        while let Ok(m) = rx.try_recv() {
            assert!(matches!(m, Msg::Saved(Ok(()))), "{m:?}");
            answers += 1;
        }
        assert!((1..=200).contains(&answers));
    }

    /// The panic hook's flush writes the newest state, and the thread then
    /// never writes an older one over it.
    #[test]
    fn the_flush_writes_the_latest_and_nothing_older_follows() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::new(dir.path());
        let shared = Shared {
            store: store.clone(),
            latest: Mutex::new((0, None)),
            written: Mutex::new(0),
            landed: Condvar::new(),
        };
        let mut newest = Progress::new("default");
        newest.institution.name = "newest".into();
        *shared.latest.lock().unwrap() = (7, Some(newest));
        shared.flush_latest();
        let mut older = Progress::new("default");
        older.institution.name = "older".into();
        shared.write(6, &mut older).unwrap();
        let on_disk = store.load("default").unwrap().unwrap();
        assert_eq!(on_disk.institution.name, "newest");
        // Nothing new: a second flush writes nothing.
        shared.flush_latest();
        assert_eq!(*shared.written.lock().unwrap(), 7);
    }

    /// The picker's switch waits on this before letting go of a profile:
    /// it returns once everything queued has been written.
    #[test]
    fn the_waiter_returns_once_queued_states_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::new(dir.path());
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        let mut saver = Saver::start(store.clone(), tx);
        for i in 0..50 {
            let mut p = Progress::new("default");
            p.institution.name = format!("state {i}");
            saver.save(p);
        }
        assert!(saver.waiter().wait(Duration::from_secs(10)));
        let last = store.load("default").unwrap().unwrap();
        assert_eq!(last.institution.name, "state 49");
        // Nothing queued: returns at once.
        assert!(saver.waiter().wait(Duration::from_millis(1)));
        saver.finish();
    }
}
