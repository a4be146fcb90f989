# Prove a built Windows bundle works on its own: no Python on PATH, no Python variables, file
# names with Chinese characters and spaces (the Windows twin of smoke_test.sh):
#
#   powershell -ExecutionPolicy Bypass -File packaging\smoke_test.ps1 [dist\jixiao]
#
# Lists the form kinds, checks and prints every bundled sample to PDF under a Chinese name, and
# starts the editor on Qt's offscreen platform. Ends with "smoke test: N passed, N failed".
# ASCII only (Windows PowerShell 5.1 reads BOM-less scripts in the ANSI code page): the
# Chinese names are built from code points.
param([string]$Bundle = (Join-Path (Split-Path -Parent $PSScriptRoot) "dist\jixiao"))
$ErrorActionPreference = "Stop"

$Cli = Join-Path $Bundle "jixiao.exe"
$Gui = Join-Path $Bundle "jixiao-gui.exe"
foreach ($Program in $Cli, $Gui) {
    if (-not (Test-Path $Program)) { Write-Host "smoke test: $Program is missing"; exit 2 }
}
$Samples = Join-Path $Bundle "_internal\desktop\_data\resources\samples"

# The bare environment: only System32 on PATH (py.exe lives in the Windows folder itself).
$env:PATH = Join-Path $env:SystemRoot "System32"
foreach ($Name in "PYTHONPATH", "PYTHONHOME", "PYTHONUTF8", "QT_PLUGIN_PATH") {
    Remove-Item "Env:$Name" -ErrorAction SilentlyContinue
}
$Chinese = -join [char[]](0x4E2D, 0x6587, 0x9879, 0x76EE)  # zhong wen xiang mu
$Work = Join-Path ([IO.Path]::GetTempPath()) ("jixiao-smoke-" + [guid]::NewGuid())
$Folder = Join-Path $Work "$Chinese folder"
New-Item -ItemType Directory -Force $Folder | Out-Null
$Out = Join-Path $Work "out.txt"
$Err = Join-Path $Work "err.txt"

$script:Passed = 0
$script:Failed = 0
function Ok([string]$What) { $script:Passed++; Write-Host "ok    $What" }
function Fail([string]$What) {
    $script:Failed++
    Write-Host "FAIL  $What"
    foreach ($Log in $Out, $Err) {
        if (Test-Path $Log) { Get-Content -Encoding UTF8 $Log | ForEach-Object { Write-Host "      $_" } }
    }
}

# jixiao.exe with each argument quoted; its output (UTF-8) goes to out.txt and err.txt.
function Invoke-Cli([string[]]$Arguments) {
    $Quoted = $Arguments | ForEach-Object { '"' + $_ + '"' }
    $Process = Start-Process -FilePath $Cli -ArgumentList $Quoted -NoNewWindow -Wait -PassThru `
        -RedirectStandardOutput $Out -RedirectStandardError $Err
    return $Process.ExitCode
}

if (Get-Command python, python3, py -ErrorAction SilentlyContinue) {
    Fail "no Python reachable on the test PATH"
} else {
    Ok "no Python reachable on the test PATH"
}

if ((Invoke-Cli @("--version")) -eq 0) { Ok "jixiao --version" } else { Fail "jixiao --version" }
if ((Invoke-Cli @("templates")) -eq 0 -and (Get-Content -Encoding UTF8 $Out).Count -gt 0) {
    Ok "jixiao templates"
} else {
    Fail "jixiao templates"
}

$Projects = @()
$SampleFiles = @(Get-ChildItem (Join-Path $Samples "*.jixiao"))
if ($SampleFiles.Count -eq 0) { Fail "bundled samples in $Samples" }
foreach ($Sample in $SampleFiles) {
    $Project = Join-Path $Folder "$Chinese $($Sample.Name)"
    $Pdf = [IO.Path]::ChangeExtension($Project, ".pdf")
    Copy-Item $Sample.FullName $Project
    $Projects += $Project

    $Status = Invoke-Cli @("check", $Project)
    # 0: no errors, 1: the form has errors (the samples keep the real forms' mistakes).
    if ($Status -le 1) { Ok "jixiao check $($Sample.Name) (exit $Status)" }
    else { Fail "jixiao check $($Sample.Name) (exit $Status)" }

    $Status = Invoke-Cli @("print", $Project, "-o", $Pdf)
    $Head = if (Test-Path $Pdf) { -join [char[]]([IO.File]::ReadAllBytes($Pdf)[0..4]) } else { "" }
    if ($Status -eq 0 -and $Head -eq "%PDF-") { Ok "jixiao print $($Sample.Name) to a Chinese-named PDF" }
    else { Fail "jixiao print $($Sample.Name) (exit $Status)" }
}

# The editor: on the offscreen platform it must load Qt and the project and keep running.
$env:QT_QPA_PLATFORM = "offscreen"
if ($Projects.Count -gt 0) {
    $Editor = Start-Process -FilePath $Gui -ArgumentList ('"' + $Projects[0] + '"') -PassThru
    Start-Sleep -Seconds 8
    if ($Editor.HasExited) { Fail "jixiao-gui starts and runs (exit $($Editor.ExitCode))" }
    else { Ok "jixiao-gui starts and runs (offscreen)"; Stop-Process -Id $Editor.Id }
}

Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
Write-Host "smoke test: $script:Passed passed, $script:Failed failed"
if ($script:Failed -gt 0) { exit 1 } else { exit 0 }
