//! The one place that knows every kind of screen: the dispatch from a
//! screen to its `Chapter`. The screens import `chapter` (the trait and
//! `Ctx`); only this module imports the screens, so there is no circle.

use super::chapter::Chapter;
use super::msg::Nav;
use super::{apply, download, health, home, install, precheck};
use crate::cert::position::Position;
use crate::cert::progress::Progress;
use std::path::Path;

#[derive(Debug, Clone)]
pub enum Screen {
    Home(home::Model),
    Precheck(precheck::Model),
    Apply(Box<apply::Model>),
    Download(Box<download::Model>),
    Install(Box<install::Model>),
    Health(health::Model),
    Selftest(Box<super::selftest::Model>),
}

impl Screen {
    /// The screen for a saved position, resumed with what was typed.
    pub fn open(
        pos: Position,
        p: &Progress,
        downloads: &Path,
        machine: &install::Machine,
    ) -> Screen {
        match pos {
            Position::Home => Screen::Home(home::Model::new(p)),
            Position::Precheck(s) => Screen::Precheck(precheck::Model::resume(p, Some(s))),
            Position::Apply(s) => Screen::Apply(Box::new(apply::Model::resume(p, Some(s)))),
            Position::Download(s) => Screen::Download(Box::new(download::Model::resume(
                p,
                Some(s),
                downloads.to_path_buf(),
            ))),
            Position::Install(s) => {
                Screen::Install(Box::new(install::Model::resume(p, Some(s), machine)))
            }
        }
    }

    /// The screen a navigation opens: a chapter from where its progress
    /// says, or a view of its own.
    pub fn start(nav: Nav, p: &Progress, downloads: &Path, machine: &install::Machine) -> Screen {
        match nav {
            Nav::Home => Screen::Home(home::Model::new(p)),
            Nav::Precheck => Screen::Precheck(precheck::Model::resume(p, None)),
            Nav::Apply => Screen::Apply(Box::new(apply::Model::resume(p, None))),
            Nav::Download => Screen::Download(Box::new(download::Model::resume(
                p,
                None,
                downloads.to_path_buf(),
            ))),
            Nav::Install => Screen::Install(Box::new(install::Model::resume(p, None, machine))),
            Nav::InstallFromBackup => Screen::Install(Box::new(install::Model::resume(
                p,
                Some(install::Step::FromBackup),
                machine,
            ))),
            Nav::Health => Screen::Health(health::Model::default()),
            Nav::Selftest => Screen::Selftest(Box::default()),
        }
    }

    /// The one dispatch on the kind of screen.
    pub fn chapter(&self) -> &dyn Chapter {
        match self {
            Screen::Home(m) => m,
            Screen::Precheck(m) => m,
            Screen::Apply(m) => m.as_ref(),
            Screen::Download(m) => m.as_ref(),
            Screen::Install(m) => m.as_ref(),
            Screen::Health(m) => m,
            Screen::Selftest(m) => m.as_ref(),
        }
    }

    pub fn chapter_mut(&mut self) -> &mut dyn Chapter {
        match self {
            Screen::Home(m) => m,
            Screen::Precheck(m) => m,
            Screen::Apply(m) => m.as_mut(),
            Screen::Download(m) => m.as_mut(),
            Screen::Install(m) => m.as_mut(),
            Screen::Health(m) => m,
            Screen::Selftest(m) => m.as_mut(),
        }
    }
}
