package dev.switchboard.bench.search;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Realistic first and last names, Russian (Cyrillic) and English (Latin), and e-mail addresses made from them. */
final class Names {

    static final List<String> RU_MALE = List.of("Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим",
            "Валерий", "Василий", "Виктор", "Виталий", "Владимир", "Владислав", "Геннадий", "Георгий", "Григорий",
            "Денис", "Дмитрий", "Евгений", "Егор", "Иван", "Игорь", "Илья", "Кирилл", "Константин", "Леонид",
            "Максим", "Матвей", "Михаил", "Никита", "Николай", "Олег", "Павел", "Пётр", "Роман", "Руслан", "Семён",
            "Сергей", "Станислав", "Степан", "Тимофей", "Фёдор", "Юрий", "Ярослав");
    static final List<String> RU_FEMALE = List.of("Александра", "Алина", "Алла", "Анастасия", "Анна", "Валентина",
            "Валерия", "Вера", "Виктория", "Галина", "Дарья", "Диана", "Евгения", "Екатерина", "Елена", "Елизавета",
            "Жанна", "Зоя", "Инна", "Ирина", "Карина", "Кристина", "Ксения", "Лариса", "Лидия", "Любовь", "Людмила",
            "Маргарита", "Марина", "Мария", "Надежда", "Наталья", "Нина", "Оксана", "Ольга", "Полина", "Светлана",
            "София", "Тамара", "Татьяна", "Ульяна", "Юлия", "Яна");
    /** Masculine forms; the feminine is derived ({@link #feminine}). */
    static final List<String> RU_LAST = List.of("Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров",
            "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов",
            "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров",
            "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин",
            "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков",
            "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов",
            "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев",
            "Титов", "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов",
            "Гаврилов", "Тихонов", "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов",
            "Абрамов", "Мартынов", "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин", "Исаев", "Чернышёв",
            "Быков", "Маслов", "Родионов", "Коновалов", "Лазарев", "Воронин", "Климов", "Филатов", "Пономарёв",
            "Голубев", "Кудрявцев", "Прохоров", "Наумов", "Потапов", "Журавлёв", "Овчинников", "Трофимов",
            "Леонов", "Соболев", "Ермаков", "Колесников", "Гончаров", "Емельянов", "Никифоров", "Грачёв", "Котов",
            "Гришин", "Ефремов", "Архипов", "Громов", "Кириллов", "Малышев", "Панов", "Моисеев", "Румянцев",
            "Акимов", "Кондратьев", "Бирюков", "Горбунов", "Анисимов", "Еремин", "Тихомиров", "Галкин",
            "Лукьянов", "Михеев", "Скворцов", "Юдин", "Белоусов", "Нестеров", "Симонов", "Прокофьев", "Харитонов",
            "Князев", "Цветков", "Левин", "Митрофанов", "Воронов", "Аксёнов", "Софронов", "Мальцев", "Логинов",
            "Горшков", "Савин", "Краснов", "Майоров", "Демидов", "Елисеев", "Рыбаков", "Сафонов", "Плотников",
            "Блинов", "Шубин", "Чистяков", "Ширяев", "Широков", "Третьяков", "Корнилов", "Ковальский",
            "Высоцкий", "Вишневский", "Островский", "Успенский");
    static final List<String> EN_FIRST = List.of("James", "John", "Robert", "Michael", "William", "David", "Richard",
            "Joseph", "Thomas", "Charles", "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Steven", "Paul",
            "Andrew", "Joshua", "Kevin", "Brian", "George", "Edward", "Ronald", "Timothy", "Jason", "Jeffrey", "Ryan",
            "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Oliver", "Harry",
            "Jack", "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah",
            "Karen", "Lisa", "Nancy", "Betty", "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna",
            "Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura",
            "Cynthia", "Amy", "Olivia", "Emma", "Sophie", "Chloe", "Grace");
    static final List<String> EN_LAST = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
            "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
            "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
            "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
            "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera",
            "Campbell", "Mitchell", "Carter", "Roberts", "Evans", "Turner", "Phillips", "Parker", "Collins",
            "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Peterson", "Cooper", "Reed",
            "Bailey", "Bell", "Gomez", "Kelly", "Howard", "Ward", "Cox", "Diaz", "Richardson", "Wood", "Watson",
            "Brooks", "Bennett", "Gray", "James", "Reyes", "Cruz", "Hughes", "Price", "Myers", "Long", "Foster",
            "Sanders", "Ross", "Morales", "Powell", "Sullivan", "Russell", "Ortiz", "Jenkins", "Gutierrez", "Perry",
            "Butler", "Barnes", "Fisher", "Henderson", "Coleman", "Simmons", "Patterson", "Jordan", "Reynolds",
            "O'Brien", "O'Neil", "McDonald", "Fletcher", "Hamilton", "Graham", "Wallace", "Kennedy");
    static final List<String> DOMAINS = List.of("mail.ru", "gmail.com", "yandex.ru", "bk.ru", "inbox.ru", "list.ru",
            "rambler.ru", "outlook.com", "yahoo.com", "icloud.com", "example.com", "company.ru");
    static final List<String> ABOUT = List.of("Хочет квартиру у моря", "Перезвонить после 18:00",
            "Постоянный клиент, скидка 10%", "Интересуется доставкой в Казань", "Просил счёт на юрлицо",
            "Нужна консультация по тарифам", "Оплатил заказ №4512, ждёт отправку", "Не звонить по выходным",
            "Сравнивает с конкурентами, важна цена", "Пришёл по рекомендации", "VIP client, prefers WhatsApp",
            "Interested in a two-bedroom flat", "Call back on Monday morning", "Asked for an invoice in USD",
            "Wholesale buyer, 50+ units a month", "Prefers e-mail to calls", "Referred by a partner agency",
            "Wants a demo of the premium plan", "Returned goods once, handle with care", "Speaks English and German");

    private static final Map<Character, String> TRANSLIT = Map.ofEntries(Map.entry('а', "a"), Map.entry('б', "b"),
            Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"), Map.entry('е', "e"), Map.entry('ё', "e"),
            Map.entry('ж', "zh"), Map.entry('з', "z"), Map.entry('и', "i"), Map.entry('й', "y"), Map.entry('к', "k"),
            Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('о', "o"), Map.entry('п', "p"),
            Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"), Map.entry('у', "u"), Map.entry('ф', "f"),
            Map.entry('х', "kh"), Map.entry('ц', "ts"), Map.entry('ч', "ch"), Map.entry('ш', "sh"),
            Map.entry('щ', "shch"), Map.entry('ъ', ""), Map.entry('ы', "y"), Map.entry('ь', ""), Map.entry('э', "e"),
            Map.entry('ю', "yu"), Map.entry('я', "ya"));

    private Names() {
    }

    /** Иванов → Иванова, Высоцкий → Высоцкая, Ильин → Ильина. */
    static String feminine(String last) {
        return last.endsWith("ий") ? last.substring(0, last.length() - 2) + "ая" : last + "а";
    }

    static String latin(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            out.append(TRANSLIT.getOrDefault(c, Character.isLetterOrDigit(c) ? String.valueOf(c) : ""));
        }
        return out.toString();
    }

    /** An address as people have them: name.surname, initial and surname, or a name and a year, at a mail domain. */
    static String email(String first, String last, RandomGenerator random) {
        String f = latin(first);
        String l = last == null ? "" : latin(last);
        String local = switch (random.nextInt(l.isEmpty() ? 1 : 4)) {
            case 0 -> f + (1960 + random.nextInt(50));
            case 1 -> f + "." + l;
            case 2 -> f.charAt(0) + l + random.nextInt(100);
            default -> l + "_" + f + random.nextInt(1000);
        };
        return local + "@" + DOMAINS.get(random.nextInt(DOMAINS.size()));
    }

    static <T> T pick(List<T> values, RandomGenerator random) {
        return values.get(random.nextInt(values.size()));
    }
}
