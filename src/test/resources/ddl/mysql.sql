CREATE TABLE `accounts` (
    `id` bigint AUTO_INCREMENT NOT NULL,
    `email` varchar(200) NOT NULL,
    PRIMARY KEY (`id`)
);

CREATE TABLE `every_type` (
    `id` int AUTO_INCREMENT NOT NULL,
    `account_id` bigint NOT NULL,
    `flag` tinyint(1) DEFAULT 1 NOT NULL,
    `small_n` smallint DEFAULT 0,
    `price` decimal(12,2) DEFAULT 4.99,
    `amount` decimal(65,30),
    `real_v` float,
    `dbl` double,
    `code` char(5),
    `name` varchar(100) DEFAULT 'unknown',
    `huge` longtext,
    `body` longtext,
    `hash` binary(16),
    `data` longblob,
    `day` date,
    `at_time` time(0),
    `created` datetime(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
    `happened` timestamp(3) NULL,
    `uid` char(36),
    `doc` json,
    `rating` varchar(5) DEFAULT 'G' CHECK (`rating` IN ('G', 'PG', 'R''x')),
    PRIMARY KEY (`id`)
);

CREATE UNIQUE INDEX `accounts_email_key` ON `accounts` (`email`);

CREATE INDEX `every_type_day_idx` ON `every_type` (`day`, `name`);

CREATE UNIQUE INDEX `every_type_code_key` ON `every_type` (`code`);

ALTER TABLE `every_type` ADD CONSTRAINT `every_type_account_fk` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`);

ALTER TABLE `every_type` ADD `added` decimal(6,2);
