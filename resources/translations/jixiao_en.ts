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
        <source>删除“{0}”中的一行</source>
        <translation>Delete a row from “{0}”</translation>
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
        <source>添加 {0} 个指标</source>
        <translation>Add {0} indicator(s)</translation>
    </message>
    <message>
        <source>删除 {0} 个指标</source>
        <translation>Delete {0} indicator(s)</translation>
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
        <source>删除二级指标“{0}”</source>
        <translation>Delete level-2 category “{0}”</translation>
    </message>
    <message>
        <source>移动二级指标</source>
        <translation>Move level-2 category</translation>
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
        <source>绩效指标</source>
        <translation>Performance indicators</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
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
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
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
        <source>粘贴(&amp;P)</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>删除(&amp;D)</source>
        <translation>&amp;Delete</translation>
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
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>无法保存“{0}”：

{1}</source>
        <translation>Cannot save “{0}”:

{1}</translation>
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
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warning</translation>
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
        <source>共 {0} 个错误，{1} 个警告</source>
        <translation>{0} error(s), {1} warning(s)</translation>
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
        <source>金额</source>
        <translation>Amount</translation>
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
</TS>
