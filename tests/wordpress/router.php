<?php
// Router for `php -S`: real files (static or .php) are served as such, everything else goes
// to WordPress's index.php, so pretty permalinks and /wp-json/... work as under Apache.
$root = $_SERVER['DOCUMENT_ROOT'];
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
$file = $root . $path;
if ($path !== '/' && file_exists($file)) {
    if (!is_dir($file)) return false;
    if (file_exists(rtrim($file, '/') . '/index.php')) return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
chdir($root);
require $root . '/index.php';
