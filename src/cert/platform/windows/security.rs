//! An owner-only folder: a protected DACL (nothing inherited from the
//! parent) with one entry, full control for the current user, inherited by
//! every file and folder created inside. For a data folder outside the
//! user's profile (`--home`, `OQSCERT_HOME`, `oqscert-data` beside the
//! program): there the parent's permissions may let every user of the PC
//! read the kept certificate copy. Under `%APPDATA%` the profile's own
//! permissions already do this. A FAT/exFAT stick has no permissions at
//! all: the call fails there and the caller carries on (README).

use super::wide;
use std::io;
use std::mem::size_of;
use std::path::Path;
use std::ptr::{null, null_mut};
use windows_sys::Win32::Foundation::{CloseHandle, ERROR_SUCCESS, HANDLE, LocalFree};
use windows_sys::Win32::Security::Authorization::{
    GetNamedSecurityInfoW, SE_FILE_OBJECT, SetNamedSecurityInfoW,
};
use windows_sys::Win32::Security::{
    ACCESS_ALLOWED_ACE, ACL, ACL_REVISION, ACL_SIZE_INFORMATION, AclSizeInformation,
    AddAccessAllowedAceEx, CONTAINER_INHERIT_ACE, DACL_SECURITY_INFORMATION, EqualSid, GetAce,
    GetAclInformation, GetLengthSid, GetSecurityDescriptorControl, GetTokenInformation,
    InitializeAcl, OBJECT_INHERIT_ACE, PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR,
    PSID, SE_DACL_PROTECTED, TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::Storage::FileSystem::FILE_ALL_ACCESS;
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

/// `ACCESS_ALLOWED_ACE_TYPE` (winnt.h), without the feature that holds it.
const ACCESS_ALLOWED: u8 = 0;

/// The process token, closed on drop.
struct Token(HANDLE);

impl Drop for Token {
    fn drop(&mut self) {
        // SAFETY: the handle came from OpenProcessToken and is closed once.
        unsafe {
            CloseHandle(self.0);
        }
    }
}

/// The current user's `TOKEN_USER`, in a buffer aligned for its pointer;
/// its SID points into the same buffer.
struct UserSid(Vec<u64>);

impl UserSid {
    fn current() -> io::Result<UserSid> {
        let mut handle: HANDLE = null_mut();
        // SAFETY: GetCurrentProcess returns a pseudo-handle that needs no
        // closing; the out pointer is a valid local.
        if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut handle) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let token = Token(handle);
        let mut len = 0u32;
        // SAFETY: a size query: no buffer, the needed size into `len`.
        unsafe { GetTokenInformation(token.0, TokenUser, null_mut(), 0, &mut len) };
        if len == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut buf = vec![0u64; (len as usize).div_ceil(8)];
        // SAFETY: `buf` holds at least `len` bytes, 8-byte aligned (the
        // structure holds a pointer).
        let ok = unsafe {
            GetTokenInformation(token.0, TokenUser, buf.as_mut_ptr().cast(), len, &mut len)
        };
        if ok == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(UserSid(buf))
    }

    fn sid(&self) -> PSID {
        // SAFETY: the buffer holds the TOKEN_USER GetTokenInformation wrote;
        // its SID pointer stays valid while `self` lives.
        unsafe { (*self.0.as_ptr().cast::<TOKEN_USER>()).User.Sid }
    }
}

fn path_wide(path: &Path) -> io::Result<Vec<u16>> {
    path.to_str()
        .map(wide)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path is not Unicode"))
}

/// An ACL with one entry: full control for `user`, inherited by files
/// and folders. In a DWORD-aligned buffer (what ACLs need).
fn owner_only_acl(user: &UserSid) -> io::Result<Vec<u32>> {
    let sid = user.sid();
    // SAFETY: `sid` is the valid SID of the token read above.
    let sid_len = unsafe { GetLengthSid(sid) } as usize;
    // One ACE: its header and mask, then the SID in place of `SidStart`.
    let acl_len = size_of::<ACL>() + size_of::<ACCESS_ALLOWED_ACE>() - size_of::<u32>() + sid_len;
    let mut acl_buf = vec![0u32; acl_len.div_ceil(4)];
    let acl = acl_buf.as_mut_ptr().cast::<ACL>();
    let acl_bytes = u32::try_from(acl_buf.len() * 4).unwrap_or(u32::MAX);
    // SAFETY: `acl` points to `acl_bytes` writable, DWORD-aligned bytes.
    if unsafe { InitializeAcl(acl, acl_bytes, ACL_REVISION) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let inherit = OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE;
    // SAFETY: the ACL was initialised with room for this one ACE.
    if unsafe { AddAccessAllowedAceEx(acl, ACL_REVISION, inherit, FILE_ALL_ACCESS, sid) } == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(acl_buf)
}

/// Give `folder` the owner-only, protected DACL.
pub fn protect_folder(folder: &Path) -> io::Result<()> {
    let user = UserSid::current()?;
    let acl_buf = owner_only_acl(&user)?;
    let acl = acl_buf.as_ptr().cast::<ACL>();
    let name = path_wide(folder)?;
    // SAFETY: `name` is NUL-terminated; `acl` is a valid ACL; owner, group
    // and SACL are null, which leaves them as they are.
    let rc = unsafe {
        SetNamedSecurityInfoW(
            name.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            acl,
            null(),
        )
    };
    if rc != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(rc as i32));
    }
    Ok(())
}

/// The security descriptor GetNamedSecurityInfoW allocated, freed on drop.
struct Descriptor(PSECURITY_DESCRIPTOR);

impl Drop for Descriptor {
    fn drop(&mut self) {
        // SAFETY: allocated by GetNamedSecurityInfoW with LocalAlloc.
        unsafe {
            LocalFree(self.0);
        }
    }
}

/// Whether `path`'s DACL is protected and allows the current user only
/// (what `protect_folder` sets; for the tests and for a check).
pub fn is_owner_only(path: &Path) -> io::Result<bool> {
    let user = UserSid::current()?;
    let name = path_wide(path)?;
    let mut dacl: *mut ACL = null_mut();
    let mut sd: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: `name` is NUL-terminated; the out pointers are valid locals;
    // only the DACL is asked for.
    let rc = unsafe {
        GetNamedSecurityInfoW(
            name.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            &mut dacl,
            null_mut(),
            &mut sd,
        )
    };
    if rc != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(rc as i32));
    }
    let sd = Descriptor(sd);
    let (mut control, mut revision) = (0u16, 0u32);
    // SAFETY: `sd.0` is the descriptor returned above.
    if unsafe { GetSecurityDescriptorControl(sd.0, &mut control, &mut revision) } == 0 {
        return Err(io::Error::last_os_error());
    }
    if control & SE_DACL_PROTECTED == 0 || dacl.is_null() {
        return Ok(false);
    }
    acl_allows_only(dacl, &user)
}

/// Whether `acl` holds only entries that allow `user` (and at least one).
fn acl_allows_only(acl: *const ACL, user: &UserSid) -> io::Result<bool> {
    let mut info = ACL_SIZE_INFORMATION::default();
    // SAFETY: `acl` is a valid ACL (the caller's); `info` is the size
    // asked for.
    let ok = unsafe {
        GetAclInformation(
            acl,
            (&mut info as *mut ACL_SIZE_INFORMATION).cast(),
            size_of::<ACL_SIZE_INFORMATION>() as u32,
            AclSizeInformation,
        )
    };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    for i in 0..info.AceCount {
        let mut ace: *mut core::ffi::c_void = null_mut();
        // SAFETY: `i` is below the ACL's ACE count.
        if unsafe { GetAce(acl, i, &mut ace) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let ace = ace.cast::<ACCESS_ALLOWED_ACE>();
        // SAFETY: GetAce returned a pointer to an ACE inside the DACL; the
        // header is common to every ACE type.
        let kind = unsafe { (*ace).Header.AceType };
        if kind != ACCESS_ALLOWED {
            return Ok(false);
        }
        // SAFETY: an ACCESS_ALLOWED_ACE's SID starts at `SidStart`.
        let sid = unsafe { std::ptr::addr_of_mut!((*ace).SidStart) }.cast();
        // SAFETY: both are valid SIDs.
        if unsafe { EqualSid(sid, user.sid()) } == 0 {
            return Ok(false);
        }
    }
    Ok(info.AceCount > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ACL `protect_folder` sets: one entry, the current user, full
    /// control, inherited by files and folders.
    #[test]
    fn the_acl_allows_the_user_only() {
        let user = UserSid::current().unwrap();
        let buf = owner_only_acl(&user).unwrap();
        let acl = buf.as_ptr().cast::<ACL>();
        assert!(acl_allows_only(acl, &user).unwrap());
        let mut ace: *mut core::ffi::c_void = null_mut();
        // SAFETY: the ACL built above has one ACE.
        assert_ne!(unsafe { GetAce(acl, 0, &mut ace) }, 0);
        // SAFETY: an ACCESS_ALLOWED_ACE, as checked above.
        let ace = unsafe { *ace.cast::<ACCESS_ALLOWED_ACE>() };
        assert_eq!(ace.Mask, FILE_ALL_ACCESS);
        assert_eq!(
            u32::from(ace.Header.AceFlags),
            OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE
        );
    }

    /// What wine shows of the folder: the call is accepted. Wine does not
    /// keep the DACL (it reads back one made from the Unix mode, three
    /// entries, not protected), so the checker rightly says "not owner
    /// only" there; on real Windows `is_owner_only` is true after it.
    #[test]
    fn protecting_a_folder_is_accepted_and_the_checker_rejects_an_open_dacl() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("oqscert-data");
        std::fs::create_dir(&folder).unwrap();
        protect_folder(&folder).unwrap();
        let open = dir.path().join("open");
        std::fs::create_dir(&open).unwrap();
        assert!(!is_owner_only(&open).unwrap());
        assert!(protect_folder(&dir.path().join("missing")).is_err());
    }
}
