//! The texts the expiry monitor registers, as pure functions (tested on
//! Linux): Task Scheduler's XML, the systemd user service and timer, the
//! crontab line, and reading the next run from `schtasks /Query`.

use super::Invocation;

/// Escape text for an XML element or attribute.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// One argument as Windows programs split a command line
/// (CommandLineToArgvW): quoted when it holds a space, a tab or a quote;
/// backslashes doubled only before a quote.
pub fn windows_arg(arg: &str) -> String {
    if !arg.is_empty() && !arg.contains([' ', '\t', '"']) {
        return arg.to_string();
    }
    let mut out = String::from('"');
    let mut backslashes = 0;
    for c in arg.chars() {
        match c {
            '\\' => backslashes += 1,
            '"' => {
                out.push_str(&"\\".repeat(backslashes * 2 + 1));
                out.push('"');
                backslashes = 0;
            }
            _ => {
                out.push_str(&"\\".repeat(backslashes));
                out.push(c);
                backslashes = 0;
            }
        }
    }
    out.push_str(&"\\".repeat(backslashes * 2));
    out.push('"');
    out
}

/// The task: at the user's logon (two minutes later, when the desktop is
/// up) and daily at 9:00 (or as soon as the PC is on after a missed
/// 9:00), as that user, without raised rights, only while signed in (a
/// message box needs the desktop).
pub fn task_xml(inv: &Invocation, user: &str, description: &str) -> String {
    let user = xml_escape(user);
    let description = xml_escape(description);
    let command = xml_escape(&inv.exe.display().to_string());
    let args: Vec<String> = inv.args().iter().map(|a| windows_arg(a)).collect();
    let args = xml_escape(&args.join(" "));
    format!(
        r#"<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>{user}</Author>
    <Description>{description}</Description>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>
      <UserId>{user}</UserId>
      <Delay>PT2M</Delay>
    </LogonTrigger>
    <CalendarTrigger>
      <StartBoundary>2025-01-01T09:00:00</StartBoundary>
      <Enabled>true</Enabled>
      <ScheduleByDay>
        <DaysInterval>1</DaysInterval>
      </ScheduleByDay>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>{user}</UserId>
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <Enabled>true</Enabled>
    <ExecutionTimeLimit>PT12H</ExecutionTimeLimit>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{command}</Command>
      <Arguments>{args}</Arguments>
    </Exec>
  </Actions>
</Task>
"#
    )
}

/// schtasks reads a task file as UTF-16 with a byte-order mark.
pub fn utf16_with_bom(text: &str) -> Vec<u8> {
    std::iter::once(0xFEFFu16)
        .chain(text.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect()
}

/// `%` starts a specifier in every systemd value.
fn systemd_text(s: &str) -> String {
    s.replace('%', "%%")
}

/// One ExecStart word: quoted, with `\`, `"`, `%` and `$` escaped.
fn systemd_arg(s: &str) -> String {
    let escaped = systemd_text(s)
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('$', "$$");
    format!("\"{escaped}\"")
}

/// The unit name for a profile (without `.service` / `.timer`).
/// The systemd units' base name: the profile and the data folder's id.
pub fn unit_name(profile: &str, home_id: &str) -> String {
    format!("oqscert-{profile}-{home_id}")
}

pub fn systemd_service(inv: &Invocation, description: &str) -> String {
    let mut words = vec![systemd_arg(&inv.exe.display().to_string())];
    words.extend(inv.args().iter().map(|a| systemd_arg(a)));
    format!(
        "[Unit]\nDescription={}\n\n[Service]\nType=oneshot\nExecStart={}\n\
         # status exits 1 when something needs attention: told, not failed.\n\
         SuccessExitStatus=1\n",
        systemd_text(description),
        words.join(" ")
    )
}

/// Daily at 9:00 (a missed run is made up at the next start), and two
/// minutes after the user's session starts.
pub fn systemd_timer(base: &str, description: &str) -> String {
    format!(
        "[Unit]\nDescription={}\n\n[Timer]\nOnCalendar=*-*-* 09:00\nPersistent=true\n\
         OnStartupSec=2min\nUnit={base}.service\n\n[Install]\nWantedBy=timers.target\n",
        systemd_text(description),
    )
}

/// A POSIX shell word in single quotes; `%` escaped for cron.
fn shell_arg(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''").replace('%', "\\%"))
}

/// The same check from cron, daily at 9:00.
pub fn crontab_line(inv: &Invocation) -> String {
    let mut words = vec![shell_arg(&inv.exe.display().to_string())];
    words.extend(inv.args().iter().map(|a| shell_arg(a)));
    format!("0 9 * * * {}", words.join(" "))
}

/// The next run from `schtasks /Query /TN name /FO CSV /NH`: the second
/// column ("TaskName","Next Run Time","Status"), whatever the Windows
/// language; none when it says N/A.
pub fn next_run_from_csv(text: &str) -> Option<String> {
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    let fields: Vec<&str> = line
        .trim()
        .split("\",\"")
        .map(|f| f.trim_matches('"'))
        .collect();
    let next = fields.get(1)?.trim();
    (!next.is_empty() && !next.eq_ignore_ascii_case("N/A")).then(|| next.to_string())
}
