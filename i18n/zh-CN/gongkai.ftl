# gongkai 的中文消息（Project Fluent 格式，https://projectfluent.org）。
# 这里的每个 id 也在 ../en/gongkai.ftl 中，变量相同；
# 代码用 msg!("id", 名称 = 值) 取用（见 README 的 Development 一节）。
# 按说出消息的部分分组。

## 命令行（src/main.rs）

cli-about = 把政策文件和公共服务名录发布为静态门户网站
cli-lang = 消息的语言：zh-CN 或 en（默认依次看 GONGKAI_LANG、LANG 和网站的 language）
cli-init = 在 DIR 中新建一个可以直接生成的网站
cli-build = 生成网站，写入输出文件夹（默认为 public/）
cli-check = 做生成时的全部检查，但不写入文件
cli-serve = 生成并预览网站；文件改动后自动重新生成并刷新页面
cli-search = 用与网站搜索页相同的排序搜索已生成网站的索引
cli-deploy = 把已生成的网站发布到兼容 S3 的存储桶：只上传有改动的文件，按不会断链的顺序上传，最后删除。凭据取自 AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY 和 AWS_SESSION_TOKEN
cli-syntax-css = 输出某个 syntect 代码高亮主题的 CSS（供主题作者使用）
errors-found = 错误：发现 { $count } 个问题，没有写入任何文件
warning-line = 警告：{ $message }
error-line = 错误：{ $message }
summary-built = 已生成 { $pages } 个页面、{ $sections } 个栏目、{ $articles } 条政策条款和 { $records } 条名录记录（共 { $files } 个文件），用时 { $seconds } 秒
summary-checked = 已检查 { $pages } 个页面、{ $sections } 个栏目、{ $articles } 条政策条款和 { $records } 条名录记录（共 { $files } 个文件），用时 { $seconds } 秒
init-done = 已在 { $dir } 新建网站；生成命令：gongkai build --root { $dir }
search-no-index = 错误：{ $error }（请先生成网站：gongkai build）
search-bad-filter = 错误：--{ $flag }：{ $error }
search-results = 共 { $count } 条结果
search-results-partial = ；含部分匹配
search-results-heads = （只在常见词的最佳匹配中查找；加 --all 查看全部匹配）
deploy-dry-run = 试运行：将上传 { $uploads } 个、删除 { $deletes } 个、不变 { $unchanged } 个（{ $bytes } 字节）；没有做任何改动
deploy-done = 已上传 { $uploads } 个、删除 { $deletes } 个、不变 { $unchanged } 个（{ $bytes } 字节），用时 { $seconds } 秒
deploy-changed-urls-many = 有 { $count } 个网址有改动，超过 CDN 按网址刷新的上限：{ $file } 中写的是要刷新的目录 { $directory }
deploy-changed-urls = 有 { $count } 个网址有改动，已写入 { $file }
