<?php
return [
    'mailchimp' => [
        'key' => '⟪mailchimp-api-key⟫[[hex:32]]-us21',
        'list' => 'a1b2c3d4e5',
    ],
    'redis' => 'redis://:⟪redis-connection-uri⟫[[alnum:32]]@cache.prod.internal:6379/0',
    'mail' => [
        'dsn' => 'smtp://mailer:⟪smtp-url-credentials⟫[[alnum:20]]@smtp.relay.corp.test:587',
    ],
    'app_key' => env('APP_KEY'),
];
