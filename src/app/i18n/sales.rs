//! The texts of the sales and corporate sections and the dashboard.

use super::Tr;
use crate::domain::corporate::Status;
use crate::domain::model::{ActivityKind, ContractStage, DealStage, Department};

texts! {
    St + ;
    sales: "Продажи", "Sales";
    corporate: "Корпоративные", "Corporate";
    dashboard: "Сводка", "Dashboard";
    salespeople: "Продавцы", "Salespeople";
    active_clients: "Активные клиенты", "Active clients";
    open_deals: "Открытые сделки", "Open deals";
    revenue: "Выручка", "Revenue";
    revenue_by_month: "Выручка по месяцам, ₽", "Revenue by month, ₽";
    revenue_in_period: "Выручка за период", "Revenue in the period";
    sales_total: "Все продажи за период (и без продавца)", "All sales in the period (with no salesperson too)";
    pipeline: "Воронка", "Pipeline";
    worked_share: "Доля базы в активной работе", "Share of the base actively worked";
    quiet: "Давно без контакта: вернуть в письма?", "No contact for long: back to letters?";
    quiet_none: "Все клиенты в работе", "Every client is being worked";
    keep: "Оставить", "Keep";
    kept_note: "Оставлен в работе", "Kept in work";
    release: "Вернуть в письма", "Back to letters";
    released: "Клиент возвращён в письма", "The client is back in the letter pool";
    kept: "Отмечено: клиент в работе", "Noted: the client stays";
    last_contact: "Последний контакт", "Last contact";
    handed_over: "Переданы вам из писем, ещё без контакта", "Handed to you from letters, not yet contacted";
    handed_on: "Передан", "Handed over";
    their_answer: "Что ответили", "Their answer";
    next_steps: "Следующие шаги", "Next steps";
    next_step: "Следующий шаг", "Next step";
    step_text: "Что сделать", "What to do";
    step_due: "Когда", "When";
    step_deal: "По сделке", "For the deal";
    no_deal: "без сделки", "no deal";
    add_step: "Запланировать", "Plan";
    step_planned: "Шаг запланирован", "Step planned";
    step_done: "Шаг отмечен сделанным", "Step marked done";
    done: "Сделано", "Done";
    today_and_overdue: "Сегодня и просрочено", "Today and overdue";
    agenda_empty: "На сегодня шагов нет", "Nothing due today";
    no_steps: "Шагов не запланировано", "No steps planned";
    no_next_step: "не назначен", "none set";
    requests_open: "Открытые", "Open";
    requests_closed: "Закрытые", "Closed";
    requests_all: "Все", "All";
    find_request: "Найти запрос: клиент, тема, текст", "Find a request: client, subject, text";
    status: "Состояние", "Status";
    hours_hint: "Время — в рабочих часах и минутах (ч:мм).", "Times are working hours and minutes (h:mm).";
    stage: "Этап", "Stage";
    never: "никогда", "never";
    deals: "Сделки", "Deals";
    new_deal: "Новая сделка", "New deal";
    deal_title: "Что продаём", "What is sold";
    amount: "Сумма, ₽", "Amount, ₽";
    open_deal: "Открыть сделку", "Open deal";
    deal_opened: "Сделка открыта", "Deal opened";
    next_stage: "Дальше", "Next stage";
    lose: "Проиграна", "Lost";
    lost_reason: "Почему проиграна?", "Why was it lost?";
    pay: "Оплата", "Payment";
    pay_amount: "Сумма оплаты, ₽", "Payment amount, ₽";
    pay_date: "Дата оплаты", "Payment date";
    activity_kind: "Вид контакта", "Kind of contact";
    paid: "Оплачено", "Paid";
    deal_moved: "Сделка переведена", "Deal moved";
    payment_saved: "Оплата записана", "Payment recorded";
    activities: "Работа с клиентом", "Work with the client";
    log_activity: "Записать", "Log";
    activity_text: "Что было", "What happened";
    activity_logged: "Записано", "Logged";
    corporate_client: "Корпоративный клиент (ведёт аккаунт-менеджер)", "Corporate client (the account manager's)";
    relay: "Запросы клиентов", "Client requests";
    new_request: "Новый запрос", "New request";
    client: "Клиент", "Client";
    department: "Отдел", "Department";
    subject: "Что просит клиент", "What the client asks";
    message: "Сообщение", "Message";
    log_request: "Зарегистрировать", "Log request";
    request_logged: "Запрос зарегистрирован", "Request logged";
    answer_text: "Ответ отдела / сообщение", "Department's answer / message";
    request_moved: "Запрос переведён", "Request moved";
    due: "Срок", "Due";
    overdue: "Просрочен", "Overdue";
    overdue_now: "Просрочено сейчас", "Overdue now";
    response_times: "Время ответа (рабочие часы)", "Response times (working hours)";
    to_answer: "до ответа отдела", "to the department's answer";
    to_client: "до клиента", "to the client";
    median: "медиана", "median";
    p90: "90-й процентиль", "90th percentile";
    contracts: "Договоры", "Contracts";
    activity_records: "Записи о работе с клиентами", "Activity records";
    snapshots: "Снимки сводки по месяцам", "Monthly dashboard snapshots";
    summary_for_client: "Сводка для клиента", "Status for the client";
    no_corporate: "Нет корпоративных клиентов: отметьте клиента в его карточке", "No corporate clients yet: mark one on its page";
    period: "Период", "Period";
    month: "Месяц", "Month";
    last_month: "Прошлый месяц", "Last month";
    quarter: "Квартал", "Quarter";
    year: "Год", "Year";
    custom: "Свой", "Custom";
    letters_section: "Письма", "Letter sales";
    base_section: "Клиентская база", "Client base";
    letters_revenue: "Выручка от писем", "Revenue from letters";
    letters_per_day: "Писем в день (норма)", "Letters a day (quota)";
    coverage: "Охват цикла", "Cycle coverage";
    response_rate: "Доля ответов", "Response rate";
    pending_duplicates: "Дубли ждут решения", "Duplicates pending";
    confirmed: "Подтверждены за год", "Confirmed within a year";
    invalid_contacts: "Неверные контакты", "Invalid contacts";
    letters_sent: "Писем отправлено", "Letters sent";
    answer_tile: "Ответ отдела, рабочее время (ч:мм): медиана / 90 %", "Department's answer, working time (h:mm): median / 90 %";
    overdue_month_end: "Просрочено на конец месяца", "Overdue at the month's end";
    no_salesperson: "без продавца", "no salesperson";
    from_snapshots: "Состояние базы на последний просмотр сводки в каждом месяце; где точка — сводку в тот месяц не открывали.", "The base as it stood when the dashboard was last opened in each month; a dot marks a month nobody opened it.";
    lists_given: "Выдано списков (адресов)", "Lists given (addresses)";
    export_csv: "CSV", "CSV";
    print: "Печать", "Print";
    all_staff: "все", "everyone";
    from: "с", "from";
    to: "по", "to";
    inactive_days: "Дней без контакта до возврата в письма", "Days without contact before release to letters";
    new_within_months: "Изделие в письме «новое» не дольше, месяцев", "Months a product counts as “new” in letters";
    work_from: "Рабочий день с (час)", "Working day from (hour)";
    work_to: "Рабочий день до (час)", "Working day until (hour)";
    answer_finance: "Срок ответа финансов, рабочих часов", "Finance answers within, working hours";
    answer_technical: "Срок ответа производства, рабочих часов", "Technical answers within, working hours";
    answer_quality: "Срок ответа отдела качества, рабочих часов", "Quality answers within, working hours";
    answer_sales: "Срок ответа отдела продаж, рабочих часов", "Sales answers within, working hours";
    next_contract_stage: "Следующий этап", "Next stage";
    contract_moved: "Этап договора отмечен", "Contract stage recorded";
    new_contract: "Новый договор", "New contract";
    contract_number: "Номер договора", "Contract number";
    add_contract: "Добавить договор", "Add contract";
    contract_added: "Договор добавлен", "Contract added";
    contract_needs: "Укажите номер и сумму договора", "Give the contract a number and an amount";
}

impl Tr {
    pub fn deal_stage(&self, s: DealStage) -> &'static str {
        let (ru, en) = match s {
            DealStage::Contract => ("договор", "contract"),
            DealStage::Invoiced => ("счёт выставлен", "invoiced"),
            DealStage::Paid => ("оплачена", "paid"),
            DealStage::Shipped => ("отгружена", "shipped"),
            DealStage::Closed => ("закрыта", "closed"),
            DealStage::Lost => ("проиграна", "lost"),
        };
        self.pick(ru, en)
    }

    pub fn activity(&self, k: ActivityKind) -> &'static str {
        let (ru, en) = match k {
            ActivityKind::Call => ("звонок", "call"),
            ActivityKind::Meeting => ("встреча", "meeting"),
            ActivityKind::Letter => ("письмо", "letter"),
            ActivityKind::Email => ("e-mail", "e-mail"),
            ActivityKind::Note => ("заметка", "note"),
            ActivityKind::Reassigned => ("передан", "reassigned"),
            ActivityKind::Released => ("возвращён в письма", "released to letters"),
        };
        self.pick(ru, en)
    }

    pub fn department(&self, d: Department) -> &'static str {
        let (ru, en) = match d {
            Department::Finance => ("Финансы", "Finance"),
            Department::Technical => ("Производство", "Technical"),
            Department::Quality => ("Качество", "Quality"),
            Department::Sales => ("Продажи", "Sales"),
        };
        self.pick(ru, en)
    }

    pub fn request_status(&self, s: Status) -> &'static str {
        let (ru, en) = match s {
            Status::New => ("новый", "new"),
            Status::WithDepartment => ("в отделе", "with the department"),
            Status::Answered => ("отдел ответил", "answered"),
            Status::Relayed => ("передан клиенту", "relayed to the client"),
            Status::Closed => ("закрыт", "closed"),
        };
        self.pick(ru, en)
    }

    pub fn contract_stage(&self, s: ContractStage) -> &'static str {
        let (ru, en) = match s {
            ContractStage::Signed => ("подписан", "signed"),
            ContractStage::Paid => ("оплачен", "paid"),
            ContractStage::DocumentsSent => ("документы отправлены", "documents sent"),
            ContractStage::Shipped => ("отгружен", "shipped"),
            ContractStage::Complaint => ("рекламация", "complaint"),
            ContractStage::Closed => ("закрыт", "closed"),
        };
        self.pick(ru, en)
    }

    /// The name of a dashboard figure or series in the CSV export; `None` for a key this list
    /// does not know (a test holds the list to the dashboard's keys).
    pub fn dashboard_column(&self, key: &str) -> Option<&'static str> {
        let (ru, en) = match key {
            "figure" => ("Показатель", "Figure"),
            "month" => ("Месяц", "Month"),
            "letters_revenue_rub" | "letters_revenue" => {
                ("Выручка от писем, ₽", "Revenue from letters, ₽")
            }
            "letters_per_day" => ("Писем в рабочий день", "Letters a working day"),
            "letters_quota" => ("Норма писем в день", "Letters a day, quota"),
            "letters_sent" => ("Писем отправлено", "Letters sent"),
            "cycle_coverage" => ("Охват цикла, доля", "Cycle coverage, share"),
            "coverage_percent" => ("Охват цикла, %", "Cycle coverage, %"),
            "response_rate" => ("Доля ответов", "Response rate"),
            "response_rate_percent" => ("Доля ответов, %", "Response rate, %"),
            "sales_revenue_rub" | "sales_revenue" => ("Выручка продаж, ₽", "Sales revenue, ₽"),
            "sales_revenue_by_staff" => ("Выручка продавца, ₽", "Revenue by salesperson, ₽"),
            "worked_clients" => ("Клиентов в работе", "Clients worked"),
            "all_clients" => ("Всего клиентов", "All clients"),
            "worked_share_percent" => ("Доля базы в работе, %", "Share of the base worked, %"),
            "corporate_revenue_rub" | "corporate_revenue" => {
                ("Выручка корпоративных, ₽", "Corporate revenue, ₽")
            }
            "answer_median_hours" => (
                "Ответ отдела, медиана, рабочих часов",
                "Department's answer, median, working hours",
            ),
            "answer_p90_hours" => (
                "Ответ отдела, 90-й процентиль, рабочих часов",
                "Department's answer, 90th percentile, working hours",
            ),
            "requests_overdue" => ("Запросов просрочено", "Requests overdue"),
            "overdue_at_month_end" => ("Просрочено на конец месяца", "Overdue at the month's end"),
            "pending_duplicates" => ("Дубли ждут решения", "Duplicates pending"),
            "confirmed_share" => (
                "Подтверждены за год, доля",
                "Confirmed within a year, share",
            ),
            "confirmed_share_percent" => ("Подтверждены за год, %", "Confirmed within a year, %"),
            "invalid_contacts" => ("Неверные контакты", "Invalid contacts"),
            "lists_given" => ("Выдано списков", "Lists given"),
            "addresses_given" => ("Выдано адресов", "Addresses given"),
            _ => return None,
        };
        Some(self.pick(ru, en))
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use crate::domain::base::Base;
    use crate::domain::dashboard::{csv, dashboard, series, CsvLook, Inputs};
    use crate::domain::letters::figures::Period;
    use crate::domain::model::Lang;

    #[test]
    fn every_dashboard_key_has_a_column_name() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let (settings, data) = crate::domain::demo::generate_sized(today, 200);
        let base = Base::from_batch(&data);
        let tz = chrono::FixedOffset::east_opt(5 * 3600).unwrap();
        let now = today.and_hms_opt(9, 0, 0).unwrap().and_utc();
        let period = Period::month_of(today);
        let inputs = Inputs {
            settings: &settings,
            today,
            now,
            tz,
            pending: None,
        };
        let d = dashboard(&base, period, &inputs);
        let sr = series(&base, &period, &settings, tz, now);
        let keys = RefCell::new(Vec::new());
        let label = |k: &str| {
            keys.borrow_mut().push(k.to_string());
            String::new()
        };
        csv(
            &d,
            &sr,
            &CsvLook {
                lang: Lang::Ru,
                label: &label,
            },
        );
        let ru = super::super::tr(Lang::Ru);
        let unnamed: Vec<String> = keys
            .into_inner()
            .into_iter()
            .filter(|k| ru.dashboard_column(k).is_none())
            .collect();
        assert!(unnamed.is_empty(), "{unnamed:?}");
    }
}
