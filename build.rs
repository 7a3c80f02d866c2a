//! For Windows only: the application icon, version information and manifest, compiled by
//! mingw-w64's windres and linked into planmap.exe. Other targets need nothing here.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/planmap.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "windows" {
        return;
    }
    if var("CARGO_CFG_TARGET_ENV") != "gnu" {
        println!("cargo:warning=planmap.exe built without icon and version information (only the -gnu targets use windres)");
        return;
    }
    let out = PathBuf::from(var("OUT_DIR"));
    let icon = PathBuf::from(var("CARGO_MANIFEST_DIR")).join("assets/icon/planmap.ico");
    let version = var("CARGO_PKG_VERSION");
    let numbers: Vec<u16> = version.split(['.', '-', '+']).take(3).map(|n| n.parse().unwrap_or(0)).collect();
    let [major, minor, patch] = [0, 1, 2].map(|i| numbers.get(i).copied().unwrap_or(0));
    let manifest = out.join("planmap.manifest");
    std::fs::write(&manifest, MANIFEST).expect("OUT_DIR is writable");
    // 0x0804 = Chinese (PRC), 1200 = UTF-16: Explorer shows the Chinese name there.
    let rc = format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 24 "{manifest}"
1 VERSIONINFO
FILEVERSION {major},{minor},{patch},0
PRODUCTVERSION {major},{minor},{patch},0
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080404b0"
    BEGIN
      VALUE "FileDescription", "planmap 规划布局地图"
      VALUE "ProductName", "planmap"
      VALUE "FileVersion", "{version}"
      VALUE "ProductVersion", "{version}"
      VALUE "InternalName", "planmap"
      VALUE "OriginalFilename", "planmap.exe"
      VALUE "LegalCopyright", "MIT License"
      VALUE "Comments", "{description}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0804, 1200
  END
END
"#,
        icon = icon.display().to_string().replace('\\', "/"),
        manifest = manifest.display().to_string().replace('\\', "/"),
        description = var("CARGO_PKG_DESCRIPTION").replace('"', "'"),
    );
    let rc_path = out.join("planmap.rc");
    std::fs::write(&rc_path, rc).expect("OUT_DIR is writable");
    let res = out.join("planmap-res.o");
    let windres =
        std::env::var("WINDRES").unwrap_or_else(|_| if cfg!(windows) { "windres".to_string() } else { format!("{}-w64-mingw32-windres", var("CARGO_CFG_TARGET_ARCH")) });
    let status = Command::new(&windres).arg("--input").arg(&rc_path).args(["--output-format=coff", "--output"]).arg(&res).status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => panic!("{windres} failed on {} ({s})", rc_path.display()),
        Err(e) => panic!("cannot run {windres} ({e}): install mingw-w64's binutils or set WINDRES"),
    }
    // An object, not a library: the linker keeps resources nothing refers to.
    println!("cargo:rustc-link-arg-bins={}", res.display());
    // The same bytes from the same sources: no link time in the PE header.
    println!("cargo:rustc-link-arg-bins=-Wl,--no-insert-timestamp");
}

/// Windows 10+, visual styles for native message boxes.
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="planmap" version="1.0.0.0"/>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application>
      <supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>
    </application>
  </compatibility>
  <dependency>
    <dependentAssembly>
      <assemblyIdentity type="win32" name="Microsoft.Windows.Common-Controls" version="6.0.0.0" processorArchitecture="*" publicKeyToken="6595b64144ccf1df" language="*"/>
    </dependentAssembly>
  </dependency>
</assembly>
"#;
