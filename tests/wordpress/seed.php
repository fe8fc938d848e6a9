<?php
// php seed.php SITE_DIR -> JSON {"posts": {name: id}, "comments": {name: id}, "users": {name: id}}
// A small film blog: a review with a threaded discussion (approved, pending, spam), a guest
// post in block-editor markup, a draft, a pending post, and filler posts for paging.
[, $site] = $argv;
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
require $site . '/wp-load.php';

function must($value) {
    if (is_wp_error($value) || !$value) { fwrite(STDERR, "seed failed: " . print_r($value, true) . "\n"); exit(1); }
    return $value;
}
wp_update_user(array('ID' => 1, 'display_name' => 'Ruth'));
$guest = must(wp_insert_user(array('user_login' => 'guest', 'user_pass' => 'guest-password',
    'user_email' => 'guest@example.com', 'display_name' => 'Guest Writer', 'role' => 'author')));
$reviews = must(wp_insert_term('Reviews', 'category'))['term_id'];
$guests = must(wp_insert_term('Guest Posts', 'category'))['term_id'];

function post($title, $content, $status, $author, $date, $cats = array(), $tags = array()) {
    return must(wp_insert_post(array('post_title' => $title, 'post_content' => $content,
        'post_status' => $status, 'post_author' => $author, 'post_date' => $date,
        'post_date_gmt' => $date, 'post_category' => $cats, 'tags_input' => $tags), true));
}
$posts = array();
$posts['review'] = post('Dune: Part Two review',
    "<p>Villeneuve delivers a <em>towering</em> sequel.</p>\n<h2>Verdict</h2>\n<p><strong>4.5 out of 5 reels</strong></p>",
    'publish', 1, '2024-03-01 10:00:00', array($reviews), array('Dune', 'Villeneuve'));
$posts['guest'] = post('Guest post: Why I love noir',
    "<!-- wp:paragraph -->\n<p>Shadows, rain and <a href=\"https://example.com/noir\">noir</a>.</p>\n<!-- /wp:paragraph -->",
    'publish', $guest, '2024-03-05 09:00:00', array($guests));
$posts['draft'] = post('Upcoming: Oppenheimer', "Notes so far.\n\nMore later.", 'draft', 1, '2024-03-06 08:00:00');
$posts['pending'] = post('Pending guest review', '<p>Awaiting approval.</p>', 'pending', $guest, '2024-03-07 08:00:00');
for ($i = 1; $i <= 5; $i++) {
    $posts["filler$i"] = post("Filler $i", "<p>Short note $i.</p>", 'publish', 1, '2024-02-01 12:00:00');
}

function comment($post, $parent, $author, $email, $content, $approved, $date, $user = 0) {
    return must(wp_insert_comment(array('comment_post_ID' => $post, 'comment_parent' => $parent,
        'comment_author' => $author, 'comment_author_email' => $email, 'comment_content' => $content,
        'comment_approved' => $approved, 'comment_date' => $date, 'comment_date_gmt' => $date,
        'user_id' => $user)));
}
$c = array();
$r = $posts['review'];
$c['c1'] = comment($r, 0, 'Marcy', 'marcy@example.com', 'Loved the <em>sandworm</em> scenes!', 1, '2024-03-01 11:00:00');
$c['c2'] = comment($r, $c['c1'], 'Ruth', 'admin@example.com', 'Me too, Marcy.', 1, '2024-03-01 12:00:00', 1);
$c['c3'] = comment($r, $c['c2'], 'Marcy', 'marcy@example.com', 'Seeing it again tonight.', 1, '2024-03-01 13:00:00');
$c['c4'] = comment($r, 0, 'Tom', 'tom@example.org', 'First time commenter here.', 0, '2024-03-01 14:00:00');
$c['c5'] = comment($r, 0, 'Spammer', 'spam@example.net', 'Buy cheap pills', 'spam', '2024-03-01 15:00:00');
$c['g1'] = comment($posts['guest'], 0, 'Sam', 'sam@example.com', "Great piece.\n\nMore noir please.", 1, '2024-03-05 10:00:00');
echo json_encode(array('posts' => $posts, 'comments' => $c, 'users' => array('admin' => 1, 'guest' => $guest))), "\n";
