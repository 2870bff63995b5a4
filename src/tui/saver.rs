//! Saves progress on one background thread, in order, so an older state
//! never overwrites a newer one. Every save goes through it, the one on
//! SIGTERM/SIGHUP too.

use crate::cert::progress::{Progress, ProgressStore};
use crate::ops::Failure;
use crate::wizard::Msg;
use tokio::sync::mpsc::UnboundedSender;

pub struct Saver {
    tx: std::sync::mpsc::Sender<Progress>,
    handle: std::thread::JoinHandle<()>,
}

impl Saver {
    pub fn start(store: ProgressStore, reply: UnboundedSender<Msg>) -> Saver {
        let (tx, rx) = std::sync::mpsc::channel::<Progress>();
        let handle = std::thread::spawn(move || {
            while let Ok(mut p) = rx.recv() {
                // Only the newest queued state matters.
                while let Ok(newer) = rx.try_recv() {
                    p = newer;
                }
                let r = store.save(&mut p).map_err(Failure::from);
                let _ = reply.send(Msg::Saved(r));
            }
        });
        Saver { tx, handle }
    }

    pub fn save(&self, p: Progress) {
        let _ = self.tx.send(p);
    }

    /// Wait until every queued save has landed.
    pub fn finish(self) {
        drop(self.tx);
        let _ = self.handle.join();
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
        let saver = Saver::start(store.clone(), tx);
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
}
