//! Where the records are kept, in words, for the home screen.

use crate::cert::home::{Home, HomeKind};
use crate::i18n::{Lang, t, tf};

/// 「記録の保存先: USBメモリ (E:) の oqscert-data」 and the like.
pub fn where_kept(lang: Lang, home: &Home) -> String {
    let path = home.path.display().to_string();
    match &home.kind {
        HomeKind::Cli | HomeKind::Env => tf(lang, "home.kept_folder", &[("path", &path)]),
        HomeKind::Platform => t(lang, "home.kept_pc").to_string(),
        HomeKind::Portable {
            removable: true,
            drive: Some(drive),
        } => tf(lang, "home.kept_usb_drive", &[("drive", drive)]),
        HomeKind::Portable {
            removable: true,
            drive: None,
        } => tf(lang, "home.kept_usb", &[("path", &path)]),
        HomeKind::Portable {
            removable: false, ..
        } => tf(lang, "home.kept_beside", &[("path", &path)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn home(path: &str, kind: HomeKind) -> Home {
        Home {
            path: PathBuf::from(path),
            kind,
        }
    }

    #[test]
    fn each_kind_in_words() {
        let usb = home(
            r"E:\oqscert-data",
            HomeKind::Portable {
                removable: true,
                drive: Some("E:".into()),
            },
        );
        assert_eq!(
            where_kept(Lang::Ja, &usb),
            "記録の保存先: USBメモリ (E:) の oqscert-data"
        );
        assert_eq!(
            where_kept(Lang::Ja, &home("/x", HomeKind::Platform)),
            "記録の保存先: このパソコン（ユーザーごと）"
        );
        assert_eq!(
            where_kept(Lang::Ja, &home("/srv/oqs", HomeKind::Env)),
            "記録の保存先: 指定のフォルダー /srv/oqs"
        );
        let beside = home(
            "/opt/oqscert/oqscert-data",
            HomeKind::Portable {
                removable: false,
                drive: None,
            },
        );
        assert!(where_kept(Lang::En, &beside).contains("/opt/oqscert/oqscert-data"));
    }
}
