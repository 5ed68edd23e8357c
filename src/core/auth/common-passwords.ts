/*
 * Passwords that are refused because they top every leaked-password list, and the base words
 * that such passwords are built from ("Summer2024!" is "summer" with digits and a symbol). The
 * list ships inside the code so that the check works offline; it is deliberately short (the
 * argon2id hash and the sign-in rate limits do the rest) and is compared case-insensitively.
 */
const LIST = `
00000000 000000000 0000000000 0123456789 0987654321 11111111 111111111 1111111111 11223344
112233445566 12121212 123123123 123321123 12341234 12344321 1234512345 123456123456 12345678
123456789 1234567890 1234qwer 123qwe 13131313 147258369 159753159753 1a2b3c4d 1q2w3e4r
1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx 1qaz2wsx3edc 1qazxsw2 22222222 55555555 66666666 666666666
69696969 77777777 87654321 88888888 987654321 9876543210 99999999 a1234567 a1a1a1a1 a1b2c3d4
aa123456 aa12345678 aaaaaaaa abc abc12345 abc123456 abc123abc abcabcabc abcd abcd1234 abcdef
abcdefg1 abcdefgh access access14 accessdenied admin admin123 admin1234 admin12345 admin@123
admin@1234 adminadmin administrator alexander amazon123 america1 andrew angel angel123 anthony1
apple123 argentina arsenal1 asdasdasd asdf asdf1234 asdfasdf asdfgh asdfghjk asdfghjkl asshole1
australia autumn autumn2025 autumn2026 azertyuiop babygirl babygirl1 bangladesh barcelona
baseball basketball batman batman123 beautiful berlin123 billionaire blessed1 blink182 brasil123
business buster butterfly canada123 champion changeme changeme1 changeme123 charlie charlie1
cheese cheese123 chelsea1 chicago1 chile123 china123 chocolate christian christopher cinderella
colombia company company1 company123 computer computer1 contrasena contraseña cookie cookie123
cowboys1 cybersecurity daniel danielle database december default default1 default123 demo
demo1234 deutschland diamond1 disney123 doggie12 dragon dragon123 dragonball eagles123 elizabeth
eminem123 england1 espana123 facebook fall2025 family01 family123 february firewall flower
football football1 forever1 fortnite founder1 francais freedom freedom1 friday13 frodo123
fuckoff1 fuckyou1 gandalf1 george germany1 ginger godisgood goodbye1 goodluck google123 guest
guest123 harrypotter haslo123 hello hello123 hello1234 helloworld hockey hockey123 hogwarts
homer123 hubspot1 hunter hunter12 hunter123 ilovegod iloveu iloveu123 iloveyou iloveyou1
iloveyou2 india123 india@123 indonesia instagram internet iphone12 italia123 january1 japan123
jennifer jessica1 jesus123 jesuschrist jonathan jordan jordan23 juventus killer killer123
kitty123 korea123 lakers24 letmein letmein! letmein1 letmein123 linkedin linux123 liverpool
login login123 london123 love lovelove lovely loveyou1 lozinka malaysia manchester mario123
marketing master master123 mastermind matrix123 matthew1 maverick metallica mexico123 michael
michael1 michelle mickey12 microsoft million1 minecraft momentum momentum1 momentum123 monday123
money money123 moneymoney monkey monkey123 motdepasse mustang mustang1 mycat123 mydog123
mypassword mypassword1 mysql123 naruto123 nederland netflix1 newpass1 newpassword newyork1
nicholas nigeria1 nintendo nirvana1 nopassword norge123 november october1 oldpassword opensesame
oracle123 p4ssw0rd p@$$w0rd p@55w0rd p@ssw0rd p@ssw0rd1 p@ssword pa$$w0rd pa$$word pa55word
packers1 pakistan paris123 parola123 pass pass1234 pass@123 pass@1234 passion1 passpass passw0rd
passw0rd1 passwd password password! password01 password02 password1 password11 password12
password123 password1234 password22 passwordpassword passwort patricia pepper pepper123 peru1234
philippines pipedrive platinum playstation pokemon1 pokemon123 poland123 pooh1234 postgres
precious princess princess1 puppy123 pwd q1q1q1q1 q1w2e3r4 q1w2e3r4t5 qazwsx qazwsxedc
qazwsxedcrfv qwe123 qweasd123 qweasdzxc qweqweqwe qwer1234 qwerty qwerty!1 qwerty12 qwerty123
qwerty1234 qwertyqwerty qwertyui qwertyuiop qwertzuiop rainbow1 ranger ranger12 realmadrid
roblox123 root root1234 rootroot russia123 salasana sales sales123 salesforce samantha samsung1
scooby12 secret secret12 secret123 security security1 senha123 september shadow shadow123
sherlock simpsons singapore slipknot snoopy12 soccer soccer123 spiderman spring spring2024
spring2025 spring2026 startrek startup1 starwars starwars1 steelers success1 summer summer2020
summer2021 summer2022 summer2023 summer2024 summer2025 summer2026 sunshine sunshine1 superman
sverige1 sweetheart sweetie1 temp temp1234 temporary temppass test test1234 test12345 tester123
testing testing1 testing123 testtest thisisapassword thomas tigger12 toor1234 topsecret trinity1
trustno1 turkey123 twitter1 ukraine1 unicorn1 user user1234 victoria vietnam1 wachtwoord welcome
welcome! welcome1 welcome123 welcome@123 whatever whatever1 windows10 windows11 winner123 winter
winter2020 winter2021 winter2022 winter2023 winter2024 winter2025 winter2026 xbox360 yankees1
yourpassword youtube1 zaq12wsx zaq1xsw2 zaq1zaq1 zelda123 zxcvbn zxcvbnm zxcvbnm1 zxcvbnm123
zxcvbnmm zxczxczx
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
