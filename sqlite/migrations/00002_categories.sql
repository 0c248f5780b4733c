-- +goose Up
-- The managed list of equipment categories, after the fields Chongqing's
-- first-set catalog covers; administrators may add more.
INSERT INTO categories (name, sort) VALUES
    ('智能制造装备', 10),
    ('轨道交通装备', 20),
    ('新能源汽车及零部件装备', 30),
    ('电力装备', 40),
    ('船舶及海洋工程装备', 50),
    ('航空航天装备', 60),
    ('医疗装备', 70),
    ('农机装备', 80),
    ('工程机械', 90),
    ('仪器仪表', 100),
    ('节能环保装备', 110),
    ('电子信息装备', 120),
    ('石油化工装备', 130),
    ('其他', 990);

-- +goose Down
DELETE FROM categories WHERE name IN ('智能制造装备', '轨道交通装备', '新能源汽车及零部件装备', '电力装备',
    '船舶及海洋工程装备', '航空航天装备', '医疗装备', '农机装备', '工程机械', '仪器仪表', '节能环保装备',
    '电子信息装备', '石油化工装备', '其他');
