//! The texts of sync between computers.

texts! {
    Yt +
    ;
    sync: "Синхронизация", "Sync";
    hint: "Несколько компьютеров работают с одной базой: каждый пишет свои изменения в общую папку (Яндекс Диск, Dropbox, Google Диск, OneDrive или сетевую папку) и читает изменения остальных. Правки разных полей одного клиента сохраняются обе; из двух правок одного поля остаётся более поздняя, другая видна в истории клиента и её можно вернуть.", "Several computers work on one base: each writes its changes into a shared folder (Yandex Disk, Dropbox, Google Drive, OneDrive or a network share) and reads the others'. Edits of different fields of one client are both kept; of two edits of one field the later stays, the other is shown in the client's history and can be put back.";
    stored: "В браузере хранятся: доступ к выбранной папке, имя этого компьютера в ней и сколько прочитано у остальных. Паролей здесь нет.", "Stored in this browser: access to the chosen folder, this computer's name in it and how far the others were read. No passwords are involved.";
    this_computer: "Компьютер без выбранного сотрудника", "A computer with nobody chosen";
    folder_none: "Общая папка не выбрана: база есть только на этом компьютере.", "No shared folder chosen: the base is on this computer only.";
    choose: "Выбрать общую папку", "Choose the shared folder";
    folder: "Общая папка", "Shared folder";
    needs_permission: "Браузер после перезапуска снова спрашивает разрешение на папку. Нажмите, чтобы синхронизация продолжилась:", "After a restart the browser asks again for the folder: press to let sync go on:";
    grant: "Разрешить доступ к папке", "Allow access to the folder";
    sync_now: "Синхронизировать сейчас", "Sync now";
    running: "Идёт синхронизация…", "Syncing…";
    last: "Последняя синхронизация", "Last sync";
    never: "ещё не было", "not yet";
    every_minute: "Синхронизация идёт при открытии и каждую минуту, пока приложение открыто.", "Sync runs at start and every minute while the app is open.";
    sent: "Отправлено записей", "Records sent";
    received: "Получено записей", "Records received";
    last_run: "В последний раз: отправлено, получено, заменено более поздней правкой", "Last time: sent, received, replaced by a later edit";
    devices: "Другие компьютеры", "Other computers";
    device: "Компьютер", "Computer";
    who: "Кто за ним", "Who is at it";
    wrote: "Последний файл (по его часам)", "Latest file (by its clock)";
    read_at: "Прочитан", "Read";
    no_devices: "Других компьютеров в папке пока нет.", "No other computer in the folder yet.";
    problems: "Что не получилось в последний раз", "What went wrong last time";
    no_problems: "Ошибок нет.", "No problems.";
    no_api: "Этот браузер не умеет работать с папкой (так в Firefox и Safari). Обменивайтесь файлом изменений: скачайте его здесь и загрузите на другом компьютере.", "This browser cannot use a folder (Firefox and Safari cannot). Exchange a file of changes instead: download it here and load it on the other computer.";
    by_file: "Обмен файлом", "Exchange by file";
    export: "Скачать изменения с последнего обмена", "Download the changes since the last exchange";
    import: "Загрузить файл изменений", "Load a file of changes";
    exported: "Файл изменений сохранён, записей", "File of changes saved, records";
    imported: "Принято записей", "Records taken";
    not_changes: "это не файл изменений Pismo", "not a Pismo file of changes";
    own_file: "это файл изменений этого же компьютера", "this is this computer's own file of changes";
    clock_ahead: "часы компьютера, написавшего файл, спешат; минут:", "the clock of the computer that wrote it is ahead; minutes:";
    conflict: "изменено на двух компьютерах", "changed on two computers";
    kept: "оставлено", "kept";
    replaced: "заменено", "replaced";
    restore: "Вернуть", "Put back";
    restored: "Значение подставлено в карточку: сохраните её", "The value is back in the form: save it";
    this_device: "Этот компьютер в папке", "This computer in the folder";
    pill_permission: "нужен доступ", "needs access";
    private_folder: "папка этого браузера (для проверки)", "this browser's own folder (for testing)";
}
