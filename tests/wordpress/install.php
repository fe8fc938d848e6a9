<?php
// php install.php SITE_DIR TITLE USER PASSWORD EMAIL PERMALINKS  -> JSON on stdout
[, $site, $title, $user, $pass, $email, $permalinks] = $argv;
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$r = wp_install($title, $user, $email, true, '', wp_slash($pass), '');
if (empty($r['user_id'])) { fwrite(STDERR, "wp_install failed\n"); exit(1); }
global $wp_rewrite;
$wp_rewrite->set_permalink_structure($permalinks);
$wp_rewrite->flush_rules(false);   // soft flush: rules go to the DB, no .htaccess
if (!wp_is_application_passwords_available()) { fwrite(STDERR, "application passwords unavailable\n"); exit(1); }
$app = WP_Application_Passwords::create_new_application_password($r['user_id'], array('name' => 'tests'));
if (is_wp_error($app)) { fwrite(STDERR, $app->get_error_message() . "\n"); exit(1); }
echo json_encode(array('user_id' => $r['user_id'], 'app_password' => $app[0],
                       'wp_version' => get_bloginfo('version'))), "\n";
