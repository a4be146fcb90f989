# Build the Windows one-folder bundle and its installer (run on Windows 10/11, x64):
#
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
#
# Needs Python 3.11+ from python.org (the `py` launcher, or set $env:PYTHON to python.exe)
# and, for the installer, Inno Setup 6 (ISCC.exe on PATH or in its default folder).
# 1. makes a build venv in build\venv-windows with PyInstaller and the dependencies from PyPI,
# 2. renders the icon, runs PyInstaller on packaging\jixiao.spec -> dist\jixiao\,
# 3. runs packaging\smoke_test.ps1 on the bundle,
# 4. compiles packaging\jixiao.iss -> dist\jixiao-VERSION-setup.exe.
# This file is ASCII on purpose: Windows PowerShell 5.1 reads BOM-less scripts in the ANSI
# code page.
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Native([string]$Program, [string[]]$Arguments) {
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed ($LASTEXITCODE)" }
}

$Venv = Join-Path $Root "build\venv-windows"
$Py = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $Py)) {
    if ($env:PYTHON) { Invoke-Native $env:PYTHON @("-m", "venv", $Venv) }
    else { Invoke-Native "py" @("-3", "-m", "venv", $Venv) }
}
New-Item -ItemType Directory -Force (Join-Path $Root "build") | Out-Null
$Requirements = Join-Path $Root "build\requirements.txt"
$Lines = & $Py packaging\project_info.py requirements
if ($LASTEXITCODE -ne 0) { throw "project_info.py failed" }
[IO.File]::WriteAllLines($Requirements, [string[]]$Lines)
Invoke-Native $Py @("-m", "pip", "install", "-q", "pyinstaller==6.22.3", "-r", $Requirements)

Invoke-Native $Py @("packaging\make_icons.py", (Join-Path $Root "build\icons"))
$Bundle = Join-Path $Root "dist\jixiao"
if (Test-Path $Bundle) { Remove-Item -Recurse -Force $Bundle }
Invoke-Native (Join-Path $Venv "Scripts\pyinstaller.exe") @(
    "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", (Join-Path $Root "dist"), "--workpath", (Join-Path $Root "build\pyinstaller"),
    "packaging\jixiao.spec")

& (Join-Path $PSScriptRoot "smoke_test.ps1") $Bundle
if ($LASTEXITCODE -ne 0) { throw "smoke test failed" }

$Version = (& $Py packaging\project_info.py version).Trim()
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    $Iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
              "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") |
        Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) {
    Write-Warning "Inno Setup 6 not found: the bundle is in dist\jixiao, no installer was made."
    exit 0
}
Invoke-Native $Iscc @("/Q", "/DAppVersion=$Version", "packaging\jixiao.iss")
Get-ChildItem (Join-Path $Root "dist\jixiao-$Version-setup.exe") | Format-Table Name, Length
