; Inno Setup 6 script of the Windows installer. packaging\build_windows.ps1 compiles it after
; building dist\jixiao\ with PyInstaller:
;
;   ISCC.exe /DAppVersion=0.1.0 packaging\jixiao.iss   ->  dist\jixiao-0.1.0-setup.exe
;
; Paths are relative to this file. Saved as UTF-8 with a BOM so the Chinese names survive.
; Installs per user without administrator rights (or for all users when run as administrator),
; adds a start-menu entry, and associates *.jixiao so a double click opens the editor.

#ifndef AppVersion
  #error Pass the version: ISCC.exe /DAppVersion=X.Y.Z packaging\jixiao.iss
#endif
#define AppName "绩效目标表编辑器"
#define AppExe "jixiao-gui.exe"
#define ProgId "Jixiao.Project"

[Setup]
AppId={{66D600F4-1213-4BC3-894B-33113F092D0E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Jixiao
DefaultDirName={autopf}\Jixiao
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\dist
OutputBaseFilename=jixiao-{#AppVersion}-setup
SetupIconFile=..\build\icons\jixiao.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\jixiao\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install and HKLM for an all-users one.
Root: HKA; Subkey: "Software\Classes\.jixiao"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.jixiao"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-jixiao-project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.jixiao\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "绩效目标表项目文件"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jixiao"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
