<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>修改“{0}”</source>
        <translation>Edit “{0}”</translation>
    </message>
    <message>
        <source>在“{0}”中添加一行</source>
        <translation>Add a row to “{0}”</translation>
    </message>
    <message>
        <source>修改{0}：{1}</source>
        <translation>Edit {0}: {1}</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>clear</translation>
    </message>
    <message>
        <source>重命名二级指标为“{0}”</source>
        <translation>Rename level-2 category to “{0}”</translation>
    </message>
    <message>
        <source>移动 {0} 个指标</source>
        <translation>Move {0} indicator(s)</translation>
    </message>
    <message>
        <source>添加二级指标“{0}”</source>
        <translation>Add level-2 category “{0}”</translation>
    </message>
    <message>
        <source>清除 {0} 个单元格</source>
        <translation>Clear {0} cell(s)</translation>
    </message>
    <message>
        <source>删除行</source>
        <translation>Delete Rows</translation>
    </message>
    <message>
        <source>移动二级指标</source>
        <translation>Move level-2 category</translation>
    </message>
    <message>
        <source>移到其他二级指标</source>
        <translation>Move to another level-2 category</translation>
    </message>
    <message>
        <source>把所选的 {0} 个指标移到：</source>
        <translation>Move the {0} selected indicator(s) to:</translation>
    </message>
    <message>
        <source>把 {0} 个指标移到“{1}”</source>
        <translation>Move {0} indicator(s) to “{1}”</translation>
    </message>
    <message>
        <source>删除表单“{0}”</source>
        <translation>Delete form “{0}”</translation>
    </message>
    <message>
        <source>调整表单顺序</source>
        <translation>Reorder forms</translation>
    </message>
    <message>
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>（无法生成预览）</source>
        <translation>(no preview)</translation>
    </message>
    <message>
        <source>关于绩效</source>
        <translation>About Jixiao</translation>
    </message>
    <message>
        <source>&lt;h3&gt;绩效 {0}&lt;/h3&gt;&lt;p&gt;预算绩效目标表与绩效自评表的填写、检查与打印工具。&lt;/p&gt;&lt;p&gt;项目文件保存在本机，程序不连接网络。&lt;/p&gt;&lt;p&gt;界面字体：文泉驿微米黑（WenQuanYi Micro Hei）。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Jixiao {0}&lt;/h3&gt;&lt;p&gt;Fill in, check and print budget performance target forms and self-evaluation forms.&lt;/p&gt;&lt;p&gt;Project files stay on this computer; the program never uses the network.&lt;/p&gt;&lt;p&gt;Interface font: WenQuanYi Micro Hei.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>如 2026</source>
        <translation>e.g. 2026</translation>
    </message>
    <message>
        <source>金额（{0}）</source>
        <translation>Amount ({0})</translation>
    </message>
    <message>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>本程序没有表样“{0}”，无法编辑此表。</source>
        <translation>This program does not know the form kind “{0}”; the form cannot be edited.</translation>
    </message>
    <message>
        <source>添加一行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <source>删除所选行</source>
        <translation>Delete selected rows</translation>
    </message>
    <message>
        <source>删除 {0} 行</source>
        <translation>Delete {0} row(s)</translation>
    </message>
    <message>
        <source>照录纸质自评表上印的总分，只作核对，不打印。</source>
        <translation>The total as the paper printed it, for checking only; it is not printed.</translation>
    </message>
    <message>
        <source>绩效指标</source>
        <translation>Performance indicators</translation>
    </message>
    <message>
        <source>总分 {0}（{1}）</source>
        <translation>Total {0} ({1})</translation>
    </message>
    <message>
        <source>总分：尚有 {0} 项未评分（已得 {1} 分）</source>
        <translation>Total: {0} items not scored yet ({1} points so far)</translation>
    </message>
    <message>
        <source>总分：尚无可评分的指标</source>
        <translation>Total: no indicators to score yet</translation>
    </message>
    <message>
        <source>总分是各项显示得分之和；分值合计 {0} 分。</source>
        <translation>The total is the sum of the scores as shown; the weights add up to {0} points.</translation>
    </message>
    <message>
        <source>完成档次</source>
        <translation>Band</translation>
    </message>
    <message>
        <source>上年目标</source>
        <translation>Last year&apos;s target</translation>
    </message>
    <message>
        <source>上年实际</source>
        <translation>Last year&apos;s actual</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>按实际完成值计分，无需选择档次。</source>
        <translation>Scored from the actual value; no band needed.</translation>
    </message>
    <message>
        <source>请先填写分值，再选择档次并打分。</source>
        <translation>Fill in the weight first, then choose a band and give a score.</translation>
    </message>
    <message>
        <source>请选择完成档次，并在档次范围内填写得分：
{0}</source>
        <translation>Choose a band and give a score within its range:
{0}</translation>
    </message>
    <message>
        <source>添加指标</source>
        <translation>Add indicator</translation>
    </message>
    <message>
        <source>添加二级指标</source>
        <translation>Add level-2 category</translation>
    </message>
    <message>
        <source>在“{0}”下添加二级指标：</source>
        <translation>Add a level-2 category under “{0}”:</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>粘贴指标</source>
        <translation>Paste indicators</translation>
    </message>
    <message>
        <source>粘贴 {0} 个指标</source>
        <translation>Paste {0} indicator(s)</translation>
    </message>
    <message>
        <source>绩效项目文件 (*.jixiao *.json);;所有文件 (*)</source>
        <translation>Jixiao project files (*.jixiao *.json);;All files (*)</translation>
    </message>
    <message>
        <source>问题列表</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>&lt;打开时的状态&gt;</source>
        <translation>&lt;as opened&gt;</translation>
    </message>
    <message>
        <source>撤销历史</source>
        <translation>Undo history</translation>
    </message>
    <message>
        <source>表单指纹：打印件每页页脚都印有此编号，可据此核对纸质表与文件的版本是否一致。</source>
        <translation>Form fingerprint: printed in the footer of every page, so a paper copy can be matched to the file version it came from.</translation>
    </message>
    <message>
        <source>显示纸面数字(&amp;Z)</source>
        <translation>Show Figures as &amp;Printed</translation>
    </message>
    <message>
        <source>在自评表中显示“纸面得分”“纸面执行率”“纸面总分”，照录纸质表上的数字并与计算结果核对。</source>
        <translation>Show the score, execution rate and total as printed on self-evaluations, to transcribe a paper&apos;s figures and check them against the computed ones.</translation>
    </message>
    <message>
        <source>新建(&amp;N)…</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <source>打开(&amp;O)…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>另存为(&amp;A)…</source>
        <translation>Save &amp;As…</translation>
    </message>
    <message>
        <source>打印预览(&amp;V)…</source>
        <translation>Print Pre&amp;view…</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>导出 PDF(&amp;E)…</source>
        <translation>&amp;Export PDF…</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>实际完成值表明已达成的定性指标：按建议选择最高档次并给满分，可撤销。</source>
        <translation>Qualitative rows whose actual value says the target was reached: take the suggested top band at full marks (can be undone).</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>复制(&amp;C)</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>签字栏(&amp;Q)…</source>
        <translation>Si&amp;gnatures…</translation>
    </message>
    <message>
        <source>打印设置(&amp;U)…</source>
        <translation>Print settin&amp;gs…</translation>
    </message>
    <message>
        <source>粘贴(&amp;P)</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>删除(&amp;D)</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>移到…</source>
        <translation>Move To…</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>添加二级指标…</source>
        <translation>Add level-2 category…</translation>
    </message>
    <message>
        <source>添加表单(&amp;F)…</source>
        <translation>Add &amp;form…</translation>
    </message>
    <message>
        <source>复制表单</source>
        <translation>Duplicate form</translation>
    </message>
    <message>
        <source>重命名表单</source>
        <translation>Rename form</translation>
    </message>
    <message>
        <source>删除表单</source>
        <translation>Delete form</translation>
    </message>
    <message>
        <source>表单上移</source>
        <translation>Move form up</translation>
    </message>
    <message>
        <source>表单下移</source>
        <translation>Move form down</translation>
    </message>
    <message>
        <source>生成自评表(&amp;G)</source>
        <translation>&amp;Generate Self-Evaluation</translation>
    </message>
    <message>
        <source>据当前的绩效目标表生成绩效自评表：复制指标和指标值，分值按默认比例分配。</source>
        <translation>Make a self-evaluation form from the current target form: indicators and target values are copied, weights get the default split.</translation>
    </message>
    <message>
        <source>重置分值</source>
        <translation>Reset Weights</translation>
    </message>
    <message>
        <source>把当前自评表的各项分值恢复为默认分配。</source>
        <translation>Set every weight of this self-evaluation back to the default split.</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>最近打开的文件(&amp;R)</source>
        <translation>&amp;Recent files</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>表单(&amp;T)</source>
        <translation>F&amp;orms</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>审核(&amp;R)</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>绩效</source>
        <translation>Jixiao</translation>
    </message>
    <message>
        <source>未保存的项目</source>
        <translation>Unsaved project</translation>
    </message>
    <message>
        <source>（只读）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>表单指纹 {0}</source>
        <translation>Fingerprint {0}</translation>
    </message>
    <message>
        <source>添加表单</source>
        <translation>Add form</translation>
    </message>
    <message>
        <source>添加表单“{0}”</source>
        <translation>Add form “{0}”</translation>
    </message>
    <message>
        <source>（副本）</source>
        <translation> (copy)</translation>
    </message>
    <message>
        <source>复制表单“{0}”</source>
        <translation>Duplicate form “{0}”</translation>
    </message>
    <message>
        <source>已删除表单“{0}”，可用 Ctrl+Z 撤销。</source>
        <translation>Deleted form “{0}”; Ctrl+Z brings it back.</translation>
    </message>
    <message>
        <source>无法生成自评表</source>
        <translation>Cannot generate a self-evaluation</translation>
    </message>
    <message>
        <source>生成自评表“{0}”</source>
        <translation>Generate self-evaluation “{0}”</translation>
    </message>
    <message>
        <source>已生成自评表，请填写实际完成值；分值已按默认比例分配。</source>
        <translation>Self-evaluation generated: fill in the actual values; the weights have the default split.</translation>
    </message>
    <message>
        <source>分值已是默认分配，无需重置。</source>
        <translation>The weights already have the default split.</translation>
    </message>
    <message>
        <source>已把 {0} 项分值恢复为默认分配。</source>
        <translation>Reset {0} weights to the default split.</translation>
    </message>
    <message>
        <source>当前表单没有可接受的建议档次。</source>
        <translation>The current form has no suggested band to accept.</translation>
    </message>
    <message>
        <source>接受建议档次</source>
        <translation>Accept suggested bands</translation>
    </message>
    <message>
        <source>已接受 {0} 项建议档次，请核对得分。</source>
        <translation>Accepted {0} suggested bands; please check the scores.</translation>
    </message>
    <message>
        <source>新建项目：选择表样</source>
        <translation>New project: choose a form kind</translation>
    </message>
    <message>
        <source>打开项目文件</source>
        <translation>Open project file</translation>
    </message>
    <message>
        <source>无法打开文件</source>
        <translation>Cannot open file</translation>
    </message>
    <message>
        <source>无法打开“{0}”：

{1}

文件没有被改动，当前项目也保持不变。</source>
        <translation>Cannot open “{0}”:

{1}

The file was not changed, and the open project stays as it was.</translation>
    </message>
    <message>
        <source>只读打开：可以查看和打印；要修改，请“另存为”一个新文件。</source>
        <translation>Opened read-only: you can view and print; to make changes, use “Save As” to a new file.</translation>
    </message>
    <message>
        <source>此文件是旧格式（第 {0} 版），保存时将以新格式写入。</source>
        <translation>This file uses an older format (version {0}); it will be saved in the current format.</translation>
    </message>
    <message>
        <source>未命名</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save As</translation>
    </message>
    <message>
        <source>不能保存到这里</source>
        <translation>Cannot save here</translation>
    </message>
    <message>
        <source>这是程序自带示例的文件夹，示例文件不能被覆盖。请另选位置保存。</source>
        <translation>This is the folder of the bundled samples, which must not be overwritten. Please choose another place.</translation>
    </message>
    <message>
        <source>文件正在使用中</source>
        <translation>File in use</translation>
    </message>
    <message>
        <source>“{0}”已被{1}打开，不能覆盖。请换一个文件名保存。</source>
        <translation>“{0}” is open by {1} and cannot be overwritten. Please save under another name.</translation>
    </message>
    <message>
        <source>修改仍保留在程序中，并已自动保存一份（程序意外关闭后可恢复）。</source>
        <translation>Your changes are still here, and an autosave copy has been written (it can be recovered if the program closes unexpectedly).</translation>
    </message>
    <message>
        <source>修改仍保留在程序中。</source>
        <translation>Your changes are still here.</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>无法保存“{0}”：

{1}

{2}请检查后重试，或“另存为”到其他位置。</source>
        <translation>Cannot save “{0}”:

{1}

{2} Check and try again, or use “Save As” to save elsewhere.</translation>
    </message>
    <message>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>未做更改</source>
        <translation>Nothing changed</translation>
    </message>
    <message>
        <source>这是程序自带的示例，已作为副本打开：保存时请选择位置。</source>
        <translation>This is a sample that comes with the program, opened as a copy: choose where to save it.</translation>
    </message>
    <message>
        <source>自动保存失败：{0}</source>
        <translation>Autosave failed: {0}</translation>
    </message>
    <message>
        <source>无法恢复</source>
        <translation>Cannot recover</translation>
    </message>
    <message>
        <source>已恢复自动保存的内容，请检查后保存。</source>
        <translation>Recovered the autosaved work; please check it and save.</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>本表 {0} 个错误，{1} 个提示</source>
        <translation>This form: {0} error(s), {1} note(s)</translation>
    </message>
    <message>
        <source>共 {0} 个错误，{1} 个提示</source>
        <translation>{0} error(s), {1} note(s) in all</translation>
    </message>
    <message>
        <source>仅显示当前表单</source>
        <translation>Current form only</translation>
    </message>
    <message>
        <source>未发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <source>未发现问题</source>
        <translation>No problems found</translation>
    </message>
    <message>
        <source>{0} 个错误，{1} 个警告</source>
        <translation>{0} error(s), {1} warning(s)</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>“{0}”有未保存的修改。</source>
        <translation>“{0}” has unsaved changes.</translation>
    </message>
    <message>
        <source>关闭前要保存吗？不保存的话，这些修改将会丢失。</source>
        <translation>Save them first? Otherwise these changes will be lost.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>不保存</source>
        <translation>Don&apos;t save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>（尚未保存过的新文件）</source>
        <translation>(a new file, never saved)</translation>
    </message>
    <message>
        <source>未命名项目</source>
        <translation>Untitled project</translation>
    </message>
    <message>
        <source>恢复未保存的工作</source>
        <translation>Recover unsaved work</translation>
    </message>
    <message>
        <source>上次程序没有正常关闭，找到了自动保存的内容：“{0}”。</source>
        <translation>The program did not close normally last time. Autosaved work was found: “{0}”.</translation>
    </message>
    <message>
        <source>自动保存时间：{0}
原文件：{1}

恢复后请检查内容并保存。</source>
        <translation>Autosaved at: {0}
Original file: {1}

After recovering, please check the content and save it.</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Recover</translation>
    </message>
    <message>
        <source>删除这份自动保存</source>
        <translation>Delete this autosave</translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>文件已被修改</source>
        <translation>File changed</translation>
    </message>
    <message>
        <source>“{0}”在打开之后已被其他程序或他人修改。</source>
        <translation>“{0}” was changed by another program or person after it was opened.</translation>
    </message>
    <message>
        <source>直接保存会覆盖对方的修改。建议“另存为”一个新文件，再核对两份内容。</source>
        <translation>Saving now would overwrite those changes. Use “Save As” to keep both, then compare them.</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save As…</translation>
    </message>
    <message>
        <source>仍然覆盖</source>
        <translation>Overwrite anyway</translation>
    </message>
    <message>
        <source>“{0}”已被{1}打开。</source>
        <translation>“{0}” is open by {1}.</translation>
    </message>
    <message>
        <source>两处同时修改并保存，先保存的一方的修改会被覆盖。可以只读打开查看，或确认对方已关闭后仍然打开。</source>
        <translation>If both sides edit and save, the changes saved first are overwritten. Open it read-only to look, or open it anyway once you are sure the other copy has closed it.</translation>
    </message>
    <message>
        <source>打开只读</source>
        <translation>Open Read-Only</translation>
    </message>
    <message>
        <source>仍然打开</source>
        <translation>Open Anyway</translation>
    </message>
    <message>
        <source>要输出哪些表？</source>
        <translation>Which forms?</translation>
    </message>
    <message>
        <source>……另有 {0} 处</source>
        <translation>… and {0} more</translation>
    </message>
    <message>
        <source>以下内容含有打印字体中没有的字符：
{0}</source>
        <translation>These cells contain characters the print fonts do not have:
{0}</translation>
    </message>
    <message>
        <source>打印前请注意</source>
        <translation>Before printing</translation>
    </message>
    <message>
        <source>有 {0} 处文字含有无法打印的字符。</source>
        <translation>{0} cells contain characters that cannot be printed.</translation>
    </message>
    <message>
        <source>

可以先把这些字符改为常用字或文字说明，再打印。</source>
        <translation>

You can replace them with common characters or words before printing.</translation>
    </message>
    <message>
        <source>仍然打印</source>
        <translation>Print Anyway</translation>
    </message>
    <message>
        <source>删除二级指标</source>
        <translation>Delete level-2 category</translation>
    </message>
    <message>
        <source>删除二级指标“{0}”将同时删除其中的 {1} 个指标。</source>
        <translation>Deleting the level-2 category “{0}” also deletes the {1} indicator(s) in it.</translation>
    </message>
    <message>
        <source>确定要删除吗？删除后可用 Ctrl+Z 撤销。</source>
        <translation>Delete it? Ctrl+Z brings it back.</translation>
    </message>
    <message>
        <source>表单仍有错误</source>
        <translation>The form still has errors</translation>
    </message>
    <message>
        <source>要打印的表单还有 {0} 个错误，审核时会被退回。</source>
        <translation>The forms to print still have {0} error(s); a reviewer will send them back.</translation>
    </message>
    <message>
        <source>转到第一个问题</source>
        <translation>Go to the First Problem</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>（未选择）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation>Print Preview</translation>
    </message>
    <message>
        <source>范围：</source>
        <translation>Forms: </translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous Page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next Page</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom Out</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom In</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit Width</translation>
    </message>
    <message>
        <source>整页</source>
        <translation>Whole Page</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source> / 共 {0} 页</source>
        <translation> of {0}</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>无法开始打印：打印机不可用或输出文件无法写入。</source>
        <translation>Cannot start printing: the printer is not available or the output file cannot be written.</translation>
    </message>
    <message>
        <source>打印中断：打印机没有接受下一页。</source>
        <translation>Printing stopped: the printer did not accept the next page.</translation>
    </message>
    <message>
        <source>当前表单：{0}</source>
        <translation>Current form: {0}</translation>
    </message>
    <message>
        <source>整个项目（{0} 张表）</source>
        <translation>Whole project ({0} forms)</translation>
    </message>
    <message>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <source>打印失败</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>the printer</translation>
    </message>
    <message>
        <source>已发送 {0} 页到 {1}。</source>
        <translation>Sent {0} pages to {1}.</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>导入(&amp;I)…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>从 Excel/WPS/Word 表格或网页导入绩效表，先预览再添加。</source>
        <translation>Import forms from Excel/WPS/Word tables or a web page, with a preview before anything is added.</translation>
    </message>
    <message>
        <source>从剪贴板导入表格</source>
        <translation>Import Tables from the Clipboard</translation>
    </message>
    <message>
        <source>导出为 Excel(&amp;L)…</source>
        <translation>Export to Exce&amp;l…</translation>
    </message>
    <message>
        <source>导入表格</source>
        <translation>Import tables</translation>
    </message>
    <message>
        <source>Excel/WPS/Word 表格 ({0})</source>
        <translation>Excel/WPS/Word tables ({0})</translation>
    </message>
    <message>
        <source>导入失败</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <source>剪贴板中没有表格。</source>
        <translation>The clipboard holds no table.</translation>
    </message>
    <message>
        <source>剪贴板</source>
        <translation>Clipboard</translation>
    </message>
    <message>
        <source>导入 {0} 张表</source>
        <translation>Import {0} forms</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>一体化行格式 (*.xlsx)</source>
        <translation>One row per indicator (*.xlsx)</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>已导出 {0} 页到 {1}</source>
        <translation>Exported {0} pages to {1}</translation>
    </message>
    <message>
        <source>打印设置</source>
        <translation>Print settings</translation>
    </message>
    <message>
        <source>如：银川市本级</source>
        <translation>e.g. 银川市本级 (city level)</translation>
    </message>
    <message>
        <source>如：附件2</source>
        <translation>e.g. 附件2 (Attachment 2)</translation>
    </message>
    <message>
        <source>标题前缀：</source>
        <translation>Title prefix:</translation>
    </message>
    <message>
        <source>附件编号：</source>
        <translation>Attachment label:</translation>
    </message>
    <message>
        <source>空表每个二级指标的空行数：</source>
        <translation>Blank rows per category in an empty form:</translation>
    </message>
    <message>
        <source>打印的签字栏</source>
        <translation>Signature lines to print</translation>
    </message>
    <message>
        <source>本项目的表没有签字栏。</source>
        <translation>The forms of this project have no signature lines.</translation>
    </message>
    <message>
        <source>修改打印设置</source>
        <translation>Change print settings</translation>
    </message>
    <message>
        <source>签字栏</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>签字栏（打印在表下方，留空则打印空白横线）</source>
        <translation>Signature lines (printed under the form; left empty, a blank line is printed)</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>从指标库插入“{0}”</source>
        <translation>Insert “{0}” from the library</translation>
    </message>
    <message>
        <source>从指标库插入 {0} 个指标</source>
        <translation>Insert {0} indicators from the library</translation>
    </message>
    <message>
        <source>指标名称</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>参考值</source>
        <translation>Typical value</translation>
    </message>
    <message>
        <source>二级指标</source>
        <translation>Level 2</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>搜索：词语或拼音首字母，如 pxrc</source>
        <translation>Search: words or pinyin initials, e.g. pxrc</translation>
    </message>
    <message>
        <source>只看当前二级指标</source>
        <translation>Only the category at the cursor</translation>
    </message>
    <message>
        <source>全部行业</source>
        <translation>All sectors</translation>
    </message>
    <message>
        <source>只看“{0}”</source>
        <translation>Only “{0}”</translation>
    </message>
    <message>
        <source>{0} 条</source>
        <translation>{0} found</translation>
    </message>
    <message>
        <source>没有找到。可换个词、改选“全部行业”，或取消“只看当前二级指标”。</source>
        <translation>Nothing found. Try other words, “All sectors”, or untick “Only the category at the cursor”.</translation>
    </message>
    <message>
        <source>指标库</source>
        <translation>Indicator library</translation>
    </message>
    <message>
        <source>重建本人指标历史</source>
        <translation>Rebuild my indicator history</translation>
    </message>
    <message>
        <source>重新读取打开或保存过的项目文件，更新指标库中的“我的项目”。</source>
        <translation>Re-read the project files opened or saved before and update “My projects” in the library.</translation>
    </message>
    <message>
        <source>请先打开一张可编辑的表单。</source>
        <translation>Open an editable form first.</translation>
    </message>
    <message>
        <source>此表没有这一类指标，未插入。</source>
        <translation>This form has no such category; nothing was inserted.</translation>
    </message>
    <message>
        <source>无法更新指标历史：{0}</source>
        <translation>Could not update the indicator history: {0}</translation>
    </message>
    <message>
        <source>指标历史已更新：读取 {0} 个项目文件，移除 {1} 个已不存在的。</source>
        <translation>Indicator history updated: {0} project files read, {1} no longer there removed.</translation>
    </message>
    <message>
        <source>关联上年文件(&amp;L)…</source>
        <translation>&amp;Link last year&apos;s file…</translation>
    </message>
    <message>
        <source>选择上年的项目文件：指标旁显示上年目标和实际值，并与上年比较。</source>
        <translation>Choose last year&apos;s project file: last year&apos;s target and actual show beside each indicator, and targets are compared with them.</translation>
    </message>
    <message>
        <source>取消关联上年文件</source>
        <translation>Unlink last year&apos;s file</translation>
    </message>
    <message>
        <source>说明与上年相比的变化…</source>
        <translation>Explain the change from last year…</translation>
    </message>
    <message>
        <source>为当前指标写明目标低于上年的原因；有说明的数量目标下降不再提示。</source>
        <translation>Write why this indicator&apos;s target is below last year&apos;s; a quantity drop with a note is no longer flagged.</translation>
    </message>
    <message>
        <source>上年文件无法读取：{0}</source>
        <translation>Last year&apos;s file cannot be read: {0}</translation>
    </message>
    <message>
        <source>选择上年的项目文件</source>
        <translation>Choose last year&apos;s project file</translation>
    </message>
    <message>
        <source>绩效项目文件 (*.jixiao)</source>
        <translation>Performance project files (*.jixiao)</translation>
    </message>
    <message>
        <source>未关联：{0}</source>
        <translation>Not linked: {0}</translation>
    </message>
    <message>
        <source>关联上年文件</source>
        <translation>Link last year&apos;s file</translation>
    </message>
    <message>
        <source>已关联上年文件 {0}</source>
        <translation>Linked to last year&apos;s file {0}</translation>
    </message>
    <message>
        <source>请先选中一项指标。</source>
        <translation>Select an indicator first.</translation>
    </message>
    <message>
        <source>说明与上年相比的变化</source>
        <translation>Explain the change from last year</translation>
    </message>
    <message>
        <source>“{0}”的目标与上年不同的原因：</source>
        <translation>Why the target of “{0}” differs from last year&apos;s:</translation>
    </message>
    <message>
        <source>说明“{0}”的变化</source>
        <translation>Explain the change of “{0}”</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Review comments</translation>
    </message>
    <message>
        <source>添加意见…</source>
        <translation>Add comment…</translation>
    </message>
    <message>
        <source>标记已解决</source>
        <translation>Mark resolved</translation>
    </message>
    <message>
        <source>给出结论</source>
        <translation>Give verdict</translation>
    </message>
    <message>
        <source>没有打开的表单。</source>
        <translation>No form is open.</translation>
    </message>
    <message>
        <source>审核结论：{0}</source>
        <translation>Verdict: {0}</translation>
    </message>
    <message>
        <source>尚未给出审核结论</source>
        <translation>No verdict yet</translation>
    </message>
    <message>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>待修改</source>
        <translation>To change</translation>
    </message>
    <message>
        <source>添加审核意见</source>
        <translation>Add review comment</translation>
    </message>
    <message>
        <source>对“{0}”的审核意见：</source>
        <translation>Comment on “{0}”:</translation>
    </message>
    <message>
        <source>审核意见已解决</source>
        <translation>Review comment resolved</translation>
    </message>
    <message>
        <source>审核结论</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>比较：{0} → {1}</source>
        <translation>Compare: {0} → {1}</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>原内容</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>修改后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>共 {0} 处变化。</source>
        <translation>{0} changes.</translation>
    </message>
    <message>
        <source>导出修改对照表</source>
        <translation>Export the list of changes</translation>
    </message>
    <message>
        <source>无法导出</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <source>添加审核意见…</source>
        <translation>Add review comment…</translation>
    </message>
    <message>
        <source>审核模式(&amp;R)</source>
        <translation>&amp;Review mode</translation>
    </message>
    <message>
        <source>显示审核意见面板：添加意见、标记已解决、给出审核结论。</source>
        <translation>Show the review panel: add comments, mark them resolved, give the verdict.</translation>
    </message>
    <message>
        <source>比较(&amp;C)…</source>
        <translation>&amp;Compare…</translation>
    </message>
    <message>
        <source>与另一版本的项目文件比较：表头、资金和指标的增删改及移动。</source>
        <translation>Compare with another version of the project file: header, funds and indicators added, removed, changed and moved.</translation>
    </message>
    <message>
        <source>导出审核意见书(&amp;O)…</source>
        <translation>Export review &amp;opinion…</translation>
    </message>
    <message>
        <source>选择要比较的旧版本</source>
        <translation>Choose the older version to compare</translation>
    </message>
    <message>
        <source>绩效项目文件 (*.jixiao *.json)</source>
        <translation>Performance project files (*.jixiao *.json)</translation>
    </message>
    <message>
        <source>当前项目</source>
        <translation>Current project</translation>
    </message>
    <message>
        <source>导出审核意见书</source>
        <translation>Export review opinion</translation>
    </message>
    <message>
        <source>导入预览 — {0}</source>
        <translation>Import preview — {0}</translation>
    </message>
    <message>
        <source>自动识别表样</source>
        <translation>Recognise the form kind</translation>
    </message>
    <message>
        <source>按表样读取：</source>
        <translation>Read as form kind:</translation>
    </message>
    <message>
        <source>文件中的栏目</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Imported as</translation>
    </message>
    <message>
        <source>单元格</source>
        <translation>Cell</translation>
    </message>
    <message>
        <source>栏目对应：</source>
        <translation>Column mapping:</translation>
    </message>
    <message>
        <source>找到的表（取消勾选则不导入）：</source>
        <translation>Forms found (untick to leave one out):</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>{0}&#x3000;{1}（{2} {3}，{4} 项指标）</source>
        <translation>{0}  {1} ({2} {3}, {4} indicators)</translation>
    </message>
    <message>
        <source>识别方式：{0}</source>
        <translation>Recognised: {0}</translation>
    </message>
    <message>
        <source>找到 {0} 张表，{1} 个单元格不会导入。</source>
        <translation>{0} forms found; {1} cells will not be imported.</translation>
    </message>
    <message>
        <source>没有找到可识别的绩效表。可在右侧选择表样后重新读取。</source>
        <translation>No performance form was recognised. Choose a form kind on the right to read the file again.</translation>
    </message>
    <message>
        <source>不会导入的单元格（{0}）：</source>
        <translation>Cells that will not be imported ({0}):</translation>
    </message>
    <message>
        <source>（跳过：此表样无此栏）</source>
        <translation>(skipped: this form kind has no such column)</translation>
    </message>
    <message>
        <source>表头 {0} 项，资金 {1} 格，附表 {2} 行。</source>
        <translation>{0} header fields, {1} funds cells, {2} table rows.</translation>
    </message>
    <message>
        <source>纸面得分</source>
        <translation>Score as printed</translation>
    </message>
    <message>
        <source>照录纸质自评表上印的得分，只作核对，不参与计分、不打印；与按评分规则计算的得分不一致时列入问题列表。</source>
        <translation>The score as the paper printed it, for checking only: it is neither scored nor printed; where it differs from the score the rule gives, the problems list says so.</translation>
    </message>
    <message>
        <source>纸面执行率</source>
        <translation>Rate as printed</translation>
    </message>
    <message>
        <source>纸面总分</source>
        <translation>Total as printed</translation>
    </message>
</context>
<context>
    <name>IndicatorTreeModel</name>
    <message>
        <source>必填量化：至少设置一项指标，指标值须有可考核的数值或时间。</source>
        <translation>Required, quantified: at least one indicator, with a measurable number or date.</translation>
    </message>
    <message>
        <source>必填：至少设置一项指标。</source>
        <translation>Required: at least one indicator.</translation>
    </message>
    <message>
        <source>选填：可按实际情况设置指标。</source>
        <translation>Optional: add indicators as the work requires.</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>表样文件有误</source>
        <translation>Form kind file has errors</translation>
    </message>
</context>
</TS>
