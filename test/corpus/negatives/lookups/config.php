<?php
$apiKey = getenv('MAILGUN_API_KEY');
$password = $_ENV['DB_PASSWORD'];
$secret = env('APP_SECRET');
