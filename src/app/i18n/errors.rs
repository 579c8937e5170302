//! The domain's refusals in the interface's words. The domain's own messages (`Display`) are
//! English, for the command line; none of them reaches a Russian user.

use super::Tr;
use crate::domain::corporate::RequestError;
use crate::domain::dedup::merge::MergeError;
use crate::domain::import::CsvError;
use crate::domain::letters::answer::AnswerError;
use crate::domain::sales::deals::DealError;
use crate::domain::sales::steps::StepError;

/// An error as the person at the computer is told it.
pub trait Said {
    fn said(&self, t: &Tr) -> String;
}

impl Said for DealError {
    fn said(&self, t: &Tr) -> String {
        t.pick(
            match self {
                DealError::NoAmount => "Сумма сделки должна быть больше нуля",
                DealError::NoReason => "Укажите, почему сделка проиграна",
                DealError::Closed => "Сделка уже закрыта",
                DealError::BadPayment => "Сумма оплаты должна быть больше нуля",
            },
            match self {
                DealError::NoAmount => "The amount must be more than zero",
                DealError::NoReason => "Say why the deal was lost",
                DealError::Closed => "The deal is closed",
                DealError::BadPayment => "The payment must be more than zero",
            },
        )
        .into()
    }
}

impl Said for StepError {
    fn said(&self, t: &Tr) -> String {
        t.pick(
            match self {
                StepError::NoText => "Напишите, что сделать",
                StepError::Done => "Этот шаг уже сделан",
            },
            match self {
                StepError::NoText => "Say what is to be done",
                StepError::Done => "This step is done already",
            },
        )
        .into()
    }
}

impl Said for RequestError {
    fn said(&self, t: &Tr) -> String {
        t.pick(
            match self {
                RequestError::NoSubject => "Напишите, о чём просит клиент",
                RequestError::NoText => "Сообщение пустое: напишите текст",
                RequestError::WrongStep => "Запрос уже прошёл этот шаг",
            },
            match self {
                RequestError::NoSubject => "Say what the client asks",
                RequestError::NoText => "The message is empty: write its text",
                RequestError::WrongStep => "The request is already past this step",
            },
        )
        .into()
    }
}

impl Said for AnswerError {
    fn said(&self, t: &Tr) -> String {
        t.pick(
            match self {
                AnswerError::NoLetter => "Письмо не найдено",
                AnswerError::NotSent => "Ответ можно записать только к отправленному письму",
                AnswerError::NoClient => "Клиент удалён или объединён с другим",
                AnswerError::NotASalesperson => "Передать можно только работающему продавцу",
            },
            match self {
                AnswerError::NoLetter => "No such letter",
                AnswerError::NotSent => "Only a sent letter takes an answer",
                AnswerError::NoClient => "The client is gone or merged into another",
                AnswerError::NotASalesperson => "Only an active salesperson can take the client",
            },
        )
        .into()
    }
}

impl Said for MergeError {
    fn said(&self, t: &Tr) -> String {
        t.pick(
            match self {
                MergeError::NotFound(_) => "Одного из клиентов уже нет в базе",
                MergeError::AlreadyMerged(_) => "Один из клиентов уже объединён с другим",
                MergeError::TooFew => "Для объединения нужны хотя бы два разных клиента",
                MergeError::ChoiceOutside => "Выбранное значение взято у клиента не из этой группы",
                MergeError::NothingToUndo => "Это объединение уже отменено",
            },
            match self {
                MergeError::NotFound(_) => "One of the clients is no longer in the base",
                MergeError::AlreadyMerged(_) => "One of the clients is already merged into another",
                MergeError::TooFew => "A merge needs at least two different clients",
                MergeError::ChoiceOutside => "A chosen value comes from a client outside the group",
                MergeError::NothingToUndo => "This merge was undone already",
            },
        )
        .into()
    }
}

impl Said for CsvError {
    fn said(&self, t: &Tr) -> String {
        match self {
            CsvError::Empty => t.pick("В файле нет строк", "The file has no rows").into(),
            CsvError::Malformed { line, message } => t
                .pick("Строка {line}: файл не читается как CSV ({message})", "Line {line}: not readable as CSV ({message})")
                .replace("{line}", &line.to_string())
                .replace("{message}", message),
            CsvError::CellTooLong { line, chars } => t
                .pick(
                    "Строка {line}: ячейка в {chars} знаков — это не данные клиента; проверьте, тот ли это файл",
                    "Row {line}: a cell of {chars} characters is not a client's data; is this the right file?",
                )
                .replace("{line}", &line.to_string())
                .replace("{chars}", &chars.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Lang;

    #[test]
    fn refusals_are_in_the_users_language() {
        let ru = super::super::tr(Lang::Ru);
        assert_eq!(
            RequestError::NoText.said(ru),
            "Сообщение пустое: напишите текст"
        );
        assert_eq!(
            CsvError::CellTooLong {
                line: 7,
                chars: 90000
            }
            .said(ru),
            "Строка 7: ячейка в 90000 знаков — это не данные клиента; проверьте, тот ли это файл"
        );
        let en = super::super::tr(Lang::En);
        assert_eq!(
            DealError::NoAmount.said(en),
            "The amount must be more than zero"
        );
    }
}
